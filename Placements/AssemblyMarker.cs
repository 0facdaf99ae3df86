namespace WineB24.Placements;
internal static class AssemblyMarker { }
