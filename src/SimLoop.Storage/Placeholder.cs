namespace SimLoop.Storage; internal static class Placeholder { }
