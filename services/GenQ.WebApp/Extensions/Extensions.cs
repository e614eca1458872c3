using GenQ.WebApp.Services;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GenQ.WebApp.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenQApiOptions>().BindConfiguration(GenQApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        // Reads go through the defaults' resilience pipeline (retries, timeouts) and service discovery.
        builder.Services.AddHttpClient<SearchClient>(ConfigureBaseAddress);
        builder.Services.AddHttpClient<CorpusClient>(ConfigureBaseAddress);
        builder.Services.AddHttpClient<RunClient>(ConfigureBaseAddress);
        builder.Services.AddScoped<CompareService>();

        // Uploads and evaluations are not retried (a POST that starts a run must not start two) and may take minutes, so
        // they leave the defaults' pipeline (10 s per attempt). RemoveAllResilienceHandlers is the documented way to opt
        // one client out of ConfigureHttpClientDefaults, still marked experimental (EXTEXP0001).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<UploadClient>(ConfigureWriteClient).RemoveAllResilienceHandlers();
        builder.Services.AddHttpClient<EvaluationClient>(ConfigureWriteClient).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var maxUpload = builder.Configuration.GetValue($"{GenQApiOptions.SectionName}:{nameof(GenQApiOptions.MaxUploadBytes)}", new GenQApiOptions().MaxUploadBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxUpload);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxUpload);
    }

    private static void ConfigureBaseAddress(IServiceProvider services, HttpClient client) =>
        client.BaseAddress = services.GetRequiredService<IOptions<GenQApiOptions>>().Value.BaseAddress;

    private static void ConfigureWriteClient(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<GenQApiOptions>>().Value;
        client.BaseAddress = options.BaseAddress;
        client.Timeout = options.WriteTimeout;
    }
}
