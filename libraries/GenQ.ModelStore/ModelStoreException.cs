namespace GenQ.ModelStore;

/// <summary>A version could not be stored or fetched as recorded (missing, corrupt, unsafe path); nothing was installed.</summary>
public sealed class ModelStoreException(string message, Exception? inner = null) : Exception(message, inner);
