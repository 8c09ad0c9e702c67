namespace Dossiers.Engine;

/// <summary>Marker for the pure core assembly (used to locate it by reflection).</summary>
public static class EngineAssembly;
