using GenQ.Generation.Testing.T5;

namespace GenQ.Generation.Tests;

/// <summary>
/// Tiny random T5 models (d_model 32, 2+2 layers, 4 heads, vocab = the fixture tokenizer's 1000 pieces) written once
/// per test run into a temporary folder, in every Optimum decoder layout.
/// </summary>
public sealed class TinyT5Models : IDisposable
{
    public TinyT5Models()
    {
        Root = Path.Combine(Path.GetTempPath(), "genq-generation-tests-" + Guid.NewGuid().ToString("N"));
        All = Write("t5-tiny-all", Spec, T5DecoderLayout.All);
        Separate = Write("t5-tiny-separate", Spec, T5DecoderLayout.Separate);
        Merged = Write("t5-tiny-merged", Spec, T5DecoderLayout.Merged);
        Eos = Write("t5-tiny-eos", EosSpec, T5DecoderLayout.All);
    }

    public static T5TestModelSpec Spec { get; } = new() { VocabSize = 1000, Seed = 11, TieWordEmbeddings = false };

    /// <summary>Untied lm_head with a boosted EOS row: EOS is likely after some prefixes and not others.</summary>
    public static T5TestModelSpec EosSpec { get; } = new() { VocabSize = 1000, Seed = 5, TieWordEmbeddings = false, EosLogitScale = 6f };

    public string Root { get; }

    public string All { get; }

    public string Separate { get; }

    public string Merged { get; }

    public string Eos { get; }

    public string Write(string name, T5TestModelSpec spec, T5DecoderLayout layout)
    {
        var folder = Path.Combine(Root, name);
        T5TestModelWriter.Write(folder, spec, layout, TestPaths.SentencePieceModel);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the test outcome is what matters.
        }
    }
}
