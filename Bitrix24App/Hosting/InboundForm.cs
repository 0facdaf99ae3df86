using System.Text;
using WineB24.Bitrix24Client.Inbound;

namespace WineB24.Bitrix24App.Hosting;

/// <summary>Reads a Bitrix24 form post with a hard size cap before any parsing.</summary>
public static class InboundForm
{
    /// <summary>The parsed body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<BracketForm?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return BracketForm.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
