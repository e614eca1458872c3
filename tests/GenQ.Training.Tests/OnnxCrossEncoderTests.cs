using GenQ.Embeddings.CrossEncoding;

namespace GenQ.Training.Tests;

/// <summary>
/// The ONNX Runtime cross-encoder (GenQ.Embeddings) against a tiny random BertForSequenceClassification whose logit is
/// recomputed with TorchSharp's BertModel and a hand-written head. It lives here because only this project may use TorchSharp.
/// </summary>
public sealed class OnnxCrossEncoderTests : IDisposable
{
    private static readonly (string Query, string Passage)[] Pairs =
    [
        ("what is the wing", "wing flow shock wave"),
        ("drag", "lift drag vortex wake skin friction on a plate at mach number"),
        ("how does the nozzle jet", "nozzle"),
    ];

    private readonly TempDirectory _dir = new();
    private readonly TinyCrossEncoder _tiny;

    public OnnxCrossEncoderTests() => _tiny = TinyCrossEncoder.Create(_dir.Combine("cross"));

    [Fact]
    public void ScoresMatchTheSameWeightsRunInTorchSharpWithTokenTypesZeroThenOne()
    {
        using var encoder = Open(batchSize: 8);

        var scores = encoder.Score(Pairs); // one padded batch: three lengths

        for (var i = 0; i < Pairs.Length; i++)
        {
            var (ids, types) = TinyCrossEncoder.Pair(Pairs[i].Query, Pairs[i].Passage);
            var expected = _tiny.ExpectedLogit(ids, types);
            var sameTypes = _tiny.ExpectedLogit(ids, new long[types.Length]);
            Assert.True(Math.Abs(expected - scores[i]) < 1e-4, $"pair {i}: ONNX {scores[i]:F6}, TorchSharp {expected:F6}");
            // The check is sensitive to the token types: with type 0 everywhere the logit moves well beyond the tolerance.
            Assert.True(Math.Abs(sameTypes - expected) > 1e-2, $"pair {i}: token types barely matter ({sameTypes:F6} vs {expected:F6})");
        }
    }

    [Fact]
    public void APairScoresTheSameAloneAndPaddedInABatch()
    {
        using var encoder = Open(batchSize: 2); // 3 pairs: two batches, the short pair padded in the first

        var alone = Pairs.Select(p => encoder.Score([p])[0]).ToArray();
        var together = encoder.Score([.. Pairs]);

        for (var i = 0; i < Pairs.Length; i++)
        {
            Assert.True(Math.Abs(alone[i] - together[i]) < 1e-5, $"pair {i}: alone {alone[i]:F7}, batched {together[i]:F7}");
        }
    }

    [Fact]
    public void PairTokensAreClsQuerySepPassageSepWithTypeOneOnTheSecondSegment()
    {
        using var encoder = Open(batchSize: 8);
        var (ids, first) = encoder.Tokenizer.EncodePair("what is the wing", "wing flow", 64);
        var (shortIds, shortFirst) = encoder.Tokenizer.EncodePair("drag", "lift", 64);

        var batch = encoder.Tokenizer.Pad([ids, shortIds], [first, shortFirst]);

        int[] expectedIds = [2, TinyCrossEncoder.Id("what"), TinyCrossEncoder.Id("is"), TinyCrossEncoder.Id("the"), TinyCrossEncoder.Id("wing"), 3, TinyCrossEncoder.Id("wing"), TinyCrossEncoder.Id("flow"), 3];
        Assert.Equal(expectedIds, ids);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, /* row 2 */ 0, 0, 0, 1, 1, 0, 0, 0, 0], batch.TokenTypeIds);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, /* row 2 */ 1, 1, 1, 1, 1, 0, 0, 0, 0], batch.AttentionMask);
    }

    [Fact]
    public void ThePassageIsTruncatedBeforeTheQuery()
    {
        using var encoder = Open(batchSize: 8, maxLength: 8);

        var score = encoder.Score([("what is wing", "flow shock wave panel flutter heat")])[0];

        // 8 tokens: [CLS] what is wing [SEP] flow shock [SEP]
        var (ids, types) = TinyCrossEncoder.Pair("what is wing", "flow shock");
        Assert.Equal(8, ids.Length);
        Assert.True(Math.Abs(_tiny.ExpectedLogit(ids, types) - score) < 1e-4);
    }

    [Fact]
    public void MissingFilesAreNamedWithTheirPath()
    {
        var noModel = _dir.Combine("no-model");
        Directory.CreateDirectory(noModel);
        File.Copy(Path.Combine(_tiny.Folder, "vocab.txt"), Path.Combine(noModel, "vocab.txt"));
        var noVocab = _dir.Combine("no-vocab");
        Directory.CreateDirectory(noVocab);
        File.Copy(Path.Combine(_tiny.Folder, "model.onnx"), Path.Combine(noVocab, "model.onnx"));

        var a = Assert.Throws<FileNotFoundException>(() => OnnxCrossEncoder.Create(noModel, new OnnxCrossEncoderOptions { PreferCuda = false }));
        var b = Assert.Throws<FileNotFoundException>(() => OnnxCrossEncoder.Create(noVocab, new OnnxCrossEncoderOptions { PreferCuda = false }));

        Assert.Contains(Path.Combine(noModel, "model.onnx"), a.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(noVocab, "vocab.txt"), b.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABiEncoderExportIsRejectedNamingItsOutputs()
    {
        var biEncoder = TinyBert.CreateBaseFolder(_dir.Combine("bi")); // model.onnx + vocab.txt, output last_hidden_state

        var ex = Assert.Throws<InvalidDataException>(() => OnnxCrossEncoder.Create(biEncoder, new OnnxCrossEncoderOptions { PreferCuda = false }));

        Assert.Contains("no output 'logits'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("last_hidden_state", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _tiny.Dispose();
        _dir.Dispose();
    }

    private OnnxCrossEncoder Open(int batchSize, int maxLength = 64) => OnnxCrossEncoder.Create(
        _tiny.Folder, new OnnxCrossEncoderOptions { BatchSize = batchSize, MaxSequenceLength = maxLength, PreferCuda = false, IntraOpThreads = 1 });
}
