namespace WineB24.Robots;
internal static class AssemblyMarker { }
