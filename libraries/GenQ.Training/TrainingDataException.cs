namespace GenQ.Training;

/// <summary>The training pairs cannot be trained on (empty, too few, blank texts); the message says which and why.</summary>
public sealed class TrainingDataException(string message) : Exception(message);
