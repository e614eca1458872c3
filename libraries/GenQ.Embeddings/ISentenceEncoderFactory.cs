namespace GenQ.Embeddings;

/// <summary>Creates encoders for model folders, e.g. to load a newly announced model version and swap it in.</summary>
public interface ISentenceEncoderFactory
{
    ISentenceEncoder Create(string modelFolderPath);
}
