using System.Numerics.Tensors;
using GenQ.Embeddings.Inference;
using GenQ.Embeddings.Models;

namespace GenQ.Quantization.Tests;

public sealed class Int8ModelFileTests(QuantizedMiniLmFixture fixture) : IClassFixture<QuantizedMiniLmFixture>
{
    [Fact]
    public void WritesModelInt8OnnxNextToModelOnnxForThePrecisionOption()
    {
        var folder = CopyOfSource();
        var path = DynamicInt8Quantizer.WriteInt8Model(folder.Path);

        Assert.Equal(Path.Combine(folder.Path, EncoderModelFiles.Int8ModelFileName), path);
        Assert.True(new FileInfo(path).Length < new FileInfo(folder.ModelPath).Length / 3, "the int8 file is not small");
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp")); // AtomicFile's hidden temp file is gone
        using var int8 = OnnxSentenceEncoder.Create(folder, QuantizedMiniLmFixture.Options.With(EncoderPrecision.Int8));
        Assert.Equal(path, int8.ModelPath);
        string[] texts = ["what similarity laws must be obeyed when constructing aeroelastic models", "boundary layer transition on a flat plate"];
        var expected = fixture.Float.Encode(texts);
        var actual = int8.Encode(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected[i], actual[i]);
            Assert.InRange(cosine, 0.98f, 0.99999f); // close to fp32, yet really quantised (not the fp32 file)
        }
    }

    [Fact]
    public void AnExistingInt8FileIsKeptUnlessOverwriteIsAsked()
    {
        var folder = CopyOfSource();
        var path = DynamicInt8Quantizer.WriteInt8Model(folder);
        var old = DateTime.UtcNow.AddDays(-1);
        File.SetLastWriteTimeUtc(path, old);

        DynamicInt8Quantizer.WriteInt8Model(folder);
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
        DynamicInt8Quantizer.WriteInt8Model(folder, overwrite: true);
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void AnAlreadyQuantisedFolderIsRejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => DynamicInt8Quantizer.WriteInt8Model(fixture.Quantized.Path));
        Assert.Contains("already quantised", error.Message, StringComparison.Ordinal);
    }

    private ModelFolder CopyOfSource()
    {
        var path = fixture.NewPath("sidecar");
        Directory.CreateDirectory(path);
        foreach (var file in new[] { ModelFolder.ModelFileName, ModelFolder.VocabFileName, ModelFolder.ManifestFileName })
        {
            File.Copy(Path.Combine(fixture.Source.Path, file), Path.Combine(path, file));
        }

        return ModelFolder.Open(path);
    }
}
