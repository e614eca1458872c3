using GenQ.Generation.Fallback;
using Microsoft.Extensions.Logging;

namespace GenQ.Generation;

/// <summary>
/// Builds the configured generator: T5 when a model folder is configured and present (or when T5 is demanded), the
/// inverse-cloze fallback otherwise. The choice and its reason are logged and carried in <see cref="IQueryGenerator.Name"/>.
/// </summary>
public static class QueryGeneratorFactory
{
    public static IQueryGenerator Create(GenerationOptions options, ILoggerFactory loggerFactory)
    {
        options.Validate();
        var logger = loggerFactory.CreateLogger(typeof(QueryGeneratorFactory).FullName!);
        var (useT5, reason) = options.Generator switch
        {
            GeneratorKind.T5 => (true, "T5 requested"),
            GeneratorKind.Fallback => (false, "fallback requested"),
            _ when string.IsNullOrWhiteSpace(options.ModelPath) => (false, "no T5 model path configured"),
            _ when !Directory.Exists(options.ModelPath) => (false, $"T5 model folder '{options.ModelPath}' not found"),
            _ => (true, $"T5 model folder '{options.ModelPath}' present"),
        };

        IQueryGenerator generator = useT5
            ? T5QueryGenerator.Load(options, loggerFactory.CreateLogger<T5QueryGenerator>())
            : new InverseClozeQueryGenerator(options);
        GenerationLog.GeneratorSelected(logger, generator.Name, reason);
        return generator;
    }
}
