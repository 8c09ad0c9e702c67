namespace Dossiers.Projections; internal static class Placeholder;
