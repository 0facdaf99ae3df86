namespace WineB24.Bitrix24Client.Limits;

/// <summary>
/// Lets the app change one portal's limits after reading its plan (<c>app.info</c> LICENSE_FAMILY), e.g. to
/// Enterprise 5/s, bucket 250. Implemented by the client factory; takes effect for that portal's next call.
/// </summary>
public interface IPortalLimitSettings
{
    void SetLimits(string memberId, PortalLimits limits);

    PortalLimits GetLimits(string memberId);
}
