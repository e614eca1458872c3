namespace GenQ.WebApp.Display;

/// <summary>How a hit's rank changed from the zero-shot model to the adapted one.</summary>
public enum MoveKind
{
    Same,
    Up,
    Down,
    /// <summary>In the adapted top k only.</summary>
    New,
    /// <summary>In the zero-shot top k only.</summary>
    Dropped,
}
