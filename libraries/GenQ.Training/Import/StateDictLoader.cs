using GenQ.Training.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace GenQ.Training.Import;

/// <summary>Copies a name → tensor map into a <see cref="BertModel"/>, failing clearly on missing keys or shape mismatches.</summary>
public static class StateDictLoader
{
    public static void Load(BertModel model, IReadOnlyDictionary<string, Tensor> state, string source)
    {
        using var noGrad = no_grad();
        // to_type makes a new handle (an alias of the source when the dtype already matches): disposed with the scope.
        using var scope = NewDisposeScope();
        var missing = new List<string>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!state.TryGetValue(name, out var value))
            {
                missing.Add(name);
                continue;
            }

            if (!parameter.shape.SequenceEqual(value.shape))
            {
                throw new InvalidDataException(
                    $"Base model mismatch in '{source}': parameter '{name}' has shape [{string.Join(", ", value.shape)}], "
                    + $"the model expects [{string.Join(", ", parameter.shape)}].");
            }

            parameter.copy_(value.to_type(parameter.dtype));
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"Base model mismatch in '{source}': {missing.Count} parameter(s) missing, e.g. {string.Join(", ", missing.Take(5))}.");
        }
    }
}
