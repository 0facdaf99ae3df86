namespace WineB24.OneCConnector;
internal static class AssemblyMarker { }
