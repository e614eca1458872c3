using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GenQ.Training.Modeling;

/// <summary>
/// Hand-made equivalent of <c>torch.autocast(device, dtype)</c>, which TorchSharp 0.107 does not expose: inside
/// <see cref="Enable"/> the model's matrix products (Linear layers, attention) run in a lower precision while weights,
/// LayerNorm, the residual stream, pooling and the loss stay float32. As with PyTorch's autocast the state is
/// per thread and only the forward pass needs it: autograd records the casts, so gradients arrive in float32 on the
/// float32 master weights and AdamW runs in float32. Outside a scope (inference, export, parity tests) nothing changes.
/// </summary>
public static class Autocast
{
    [ThreadStatic]
    private static ScalarType? _dtype;

    /// <summary>The matmul dtype of the current thread's scope; null outside any scope (plain float32).</summary>
    public static ScalarType? Dtype => _dtype;

    /// <summary>Runs matmuls in <paramref name="dtype"/> (BFloat16 or Float16) until the returned scope is disposed; null disables.</summary>
    public static IDisposable Enable(ScalarType? dtype)
    {
        if (dtype is not (null or ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentException($"Autocast dtype must be BFloat16 or Float16, not {dtype}.", nameof(dtype));
        }

        var scope = new Scope(_dtype);
        _dtype = dtype;
        return scope;
    }

    /// <summary>
    /// <paramref name="layer"/> applied to <paramref name="input"/>: float32 as usual outside a scope; inside, input,
    /// weight and bias are cast to the scope's dtype and the result stays in it (as autocast's <c>linear</c>).
    /// </summary>
    public static Tensor Linear(Linear layer, Tensor input)
    {
        if (_dtype is not { } dtype)
        {
            return layer.forward(input);
        }

        using var weight = layer.weight!.to_type(dtype); // (out, in)
        using var bias = layer.bias?.to_type(dtype);      // (out)
        using var cast = input.dtype == dtype ? null : input.to_type(dtype);
        return nn.functional.linear(cast ?? input, weight, bias); // (..., out) in dtype
    }

    private sealed class Scope(ScalarType? previous) : IDisposable
    {
        public void Dispose() => _dtype = previous;
    }
}
