namespace GenQ.Generation;

/// <summary>Where ONNX Runtime runs the T5 model.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when its libraries load, otherwise CPU (the reason is logged).</summary>
    Auto,

    Cpu,

    /// <summary>CUDA or fail: for machines where silently running on CPU would be a configuration error.</summary>
    Cuda,
}
