using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GenQ.Training.Modeling;
using TorchSharp.Modules;
using TorchSharp.PyBridge;

namespace GenQ.Training.Checkpointing;

/// <summary>
/// Checkpoints of one training run under a directory: <c>step-NNNNNNN/</c> with model.safetensors (TorchSharp.PyBridge,
/// HF keys), optimizer.bin (AdamW moments) and trainer-state.json. Each checkpoint is written under a temporary name
/// and renamed, so a crash mid-save leaves the previous checkpoint intact.
/// </summary>
public sealed class CheckpointStore(string directory, int keep = 2)
{
    private const string ModelFile = "model.safetensors";
    private const string OptimizerFile = "optimizer.bin";
    private const string StateFile = "trainer-state.json";

    public string Directory { get; } = directory;

    public string Save(SentenceEncoderModel model, OptimizerHelper optimizer, CheckpointState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, ".tmp-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(temp);
        model.Bert.save_safetensors(Path.Combine(temp, ModelFile));
        optimizer.save_state_dict(Path.Combine(temp, OptimizerFile));
        var complete = state with
        {
            ModelSha256 = Sha256(Path.Combine(temp, ModelFile)),
            OptimizerSha256 = Sha256(Path.Combine(temp, OptimizerFile)),
        };
        File.WriteAllText(Path.Combine(temp, StateFile), JsonSerializer.Serialize(complete, CheckpointJsonContext.Default.CheckpointState));
        var target = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"step-{state.Step:D7}"));
        if (System.IO.Directory.Exists(target))
        {
            System.IO.Directory.Delete(target, recursive: true);
        }

        System.IO.Directory.Move(temp, target);
        foreach (var old in List().SkipLast(Math.Max(1, keep)))
        {
            System.IO.Directory.Delete(old, recursive: true);
        }

        return target;
    }

    /// <summary>The newest checkpoint's folder, or null when the run has none.</summary>
    public string? Latest() => List().LastOrDefault();

    /// <summary>Reads and verifies a checkpoint's state (JSON and checksums); throws a clear error if it is corrupt.</summary>
    public static CheckpointState ReadState(string checkpoint)
    {
        var statePath = Path.Combine(checkpoint, StateFile);
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize(File.ReadAllText(statePath), CheckpointJsonContext.Default.CheckpointState);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}' is corrupt: cannot read {StateFile} ({ex.Message}). Delete the folder to restart from the previous checkpoint.", ex);
        }

        if (state is null || state.FormatVersion != CheckpointState.CurrentFormatVersion)
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}' is corrupt or of an unknown format: {StateFile}.");
        }

        Verify(checkpoint, ModelFile, state.ModelSha256);
        Verify(checkpoint, OptimizerFile, state.OptimizerSha256);
        return state;
    }

    /// <summary>Loads model weights and optimiser state of a verified checkpoint.</summary>
    public static void Restore(string checkpoint, SentenceEncoderModel model, OptimizerHelper optimizer)
    {
        try
        {
            model.Bert.load_safetensors(Path.Combine(checkpoint, ModelFile), strict: true);
            optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFile));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}' cannot be loaded into this model: {ex.Message}", ex);
        }
    }

    private IEnumerable<string> List() => System.IO.Directory.Exists(Directory)
        ? System.IO.Directory.EnumerateDirectories(Directory, "step-*").Order(StringComparer.Ordinal)
        : [];

    private static void Verify(string checkpoint, string file, string expected)
    {
        var path = Path.Combine(checkpoint, file);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}' is corrupt: {file} is missing.");
        }

        if (!string.Equals(Sha256(path), expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Checkpoint '{checkpoint}' is corrupt: {file} does not match its SHA-256 in {StateFile}.");
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
