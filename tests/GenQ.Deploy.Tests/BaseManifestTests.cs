using System.Reflection;
using System.Text.Json;
using GenQ.Contracts.Jobs;
using GenQ.Generation;
using GenQ.ModelStore;
using GenQ.Queue.Redis;
using GenQ.SearchApi.Security;
using k8s.Models;

namespace GenQ.Deploy.Tests;

/// <summary>deploy/base against the code: a renamed setting, port, probe path or queue breaks this build, not a deployment.</summary>
public sealed class BaseManifestTests
{
    private static readonly Manifests Base = Manifests.Load(Repository.Path("deploy", "base"));

    public static readonly TheoryData<string, string> Services = new()
    {
        { "search-api", "GenQ.SearchApi" },
        { "generator-worker", "GenQ.GeneratorWorker" },
        { "trainer-worker", "GenQ.TrainerWorker" },
        { "web", "GenQ.WebApp" },
    };

    [Fact]
    public void There_is_one_deployment_per_service()
    {
        Assert.Equal(
            ServiceSettings.Sections.Keys.Order(StringComparer.Ordinal),
            Base.Of<V1Deployment>().Select(d => d.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_environment_variable_is_a_key_the_service_binds(string service, string project)
    {
        _ = project;
        var known = ServiceSettings.KeysOf(service);
        var unknown = EnvironmentNames(Base, Base.Deployment(service)).Where(name => !known.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, $"{service} sets keys no options class of it binds: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_api_key_comes_from_the_secret_under_the_key_ApiKeyOptions_reads()
    {
        var key = ServiceSettings.Key(ApiKeyOptions.SectionName, nameof(ApiKeyOptions.ApiKey));
        var variable = Container(Base.Deployment("search-api")).Env.Single(e => e.Name == key);
        var secretRef = variable.ValueFrom.SecretKeyRef;
        var secret = Base.Of<V1Secret>().Single(s => s.Metadata.Name == secretRef.Name);
        Assert.Equal(key, secretRef.Key);
        Assert.Contains(key, secret.StringData.Keys);
        Assert.All(Base.Of<V1ConfigMap>(), map => Assert.DoesNotContain(key, map.Data.Keys));
        Assert.All(Base.Of<V1Deployment>().Where(d => d.Metadata.Name != "search-api"),
            d => Assert.DoesNotContain(key, EnvironmentNames(Base, d)));
    }

    [Fact]
    public void Every_secret_reference_names_a_key_of_an_existing_secret()
    {
        foreach (var deployment in Base.Of<V1Deployment>())
        {
            foreach (var env in Container(deployment).Env ?? [])
            {
                if (env.ValueFrom?.SecretKeyRef is { } reference)
                {
                    var secret = Base.Of<V1Secret>().Single(s => s.Metadata.Name == reference.Name);
                    Assert.Contains(reference.Key, secret.StringData.Keys);
                }
            }
            foreach (var source in Container(deployment).EnvFrom ?? [])
            {
                Assert.Contains(Base.Of<V1ConfigMap>(), map => map.Metadata.Name == source.ConfigMapRef?.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Ports_match_the_launch_profile_and_the_service(string service, string project)
    {
        var deployment = Base.Deployment(service);
        var container = Container(deployment);
        var port = Assert.Single(container.Ports);
        Assert.Equal("http", port.Name);
        Assert.Equal(LaunchProfilePort(project), port.ContainerPort);
        var httpPorts = EnvironmentValue(Base, deployment, "ASPNETCORE_HTTP_PORTS");
        Assert.Equal(port.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), httpPorts);

        var kubeService = Base.Of<V1Service>().SingleOrDefault(s => s.Metadata.Name == service);
        if (service == "generator-worker")
        {
            Assert.Null(kubeService); // nothing calls a generator; probes reach the pod directly
            return;
        }
        Assert.NotNull(kubeService);
        var servicePort = Assert.Single(kubeService.Spec.Ports);
        Assert.Equal(port.ContainerPort, servicePort.Port);
        Assert.Equal("http", servicePort.TargetPort.Value);
    }

    [Fact]
    public void Connection_strings_point_at_the_external_redis_and_qdrant_services()
    {
        var secret = Base.Of<V1Secret>().Single();
        var redis = secret.StringData["ConnectionStrings__redis"].Split(',')[0].Split(':');
        var redisService = Base.Of<V1Service>().Single(s => s.Metadata.Name == redis[0]);
        Assert.Equal("ExternalName", redisService.Spec.Type);
        Assert.Equal(int.Parse(redis[1], System.Globalization.CultureInfo.InvariantCulture), redisService.Spec.Ports.Single().Port);

        foreach (var name in new[] { "search-api", "trainer-worker" })
        {
            var qdrant = new Uri(EnvironmentValue(Base, Base.Deployment(name), "ConnectionStrings__qdrant")!);
            var qdrantService = Base.Of<V1Service>().Single(s => s.Metadata.Name == qdrant.Host);
            Assert.Equal("ExternalName", qdrantService.Spec.Type);
            Assert.Equal(qdrant.Port, qdrantService.Spec.Ports.Single().Port); // gRPC, what Qdrant.Client speaks
        }
    }

    [Fact]
    public void The_web_app_calls_the_search_api_service_on_its_port()
    {
        var address = new Uri(EnvironmentValue(Base, Base.Deployment("web"), "GenQApi__BaseAddress")!);
        var service = Base.Of<V1Service>().Single(s => s.Metadata.Name == address.Host);
        Assert.Equal(address.Port, service.Spec.Ports.Single().Port);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_deployment_has_requests_limits_and_probes_on_the_service_defaults_paths(string service, string project)
    {
        _ = project;
        var container = Container(Base.Deployment(service));
        Assert.True(container.Resources.Requests.ContainsKey("cpu"), "cpu request");
        Assert.True(container.Resources.Requests.ContainsKey("memory"), "memory request");
        Assert.True(container.Resources.Limits.ContainsKey("memory"), "memory limit");
        Assert.Equal(ServiceDefaultsPath("HealthEndpointPath"), container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(ServiceDefaultsPath("AlivenessEndpointPath"), container.LivenessProbe.HttpGet.Path);
        Assert.Equal("http", container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal("http", container.LivenessProbe.HttpGet.Port.Value);
    }

    [Fact]
    public void Health_endpoints_are_mapped_in_every_environment_not_only_Development()
    {
        // MapDefaultEndpoints maps /health and /alive unconditionally; the manifests run Production.
        var source = File.ReadAllText(Repository.Path("GenQ.ServiceDefaults", "Extensions.cs"));
        Assert.DoesNotContain("IsDevelopment", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Selectors_match_the_pod_labels()
    {
        foreach (var deployment in Base.Of<V1Deployment>())
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            Assert.All(deployment.Spec.Selector.MatchLabels, pair => Assert.Equal(pair.Value, labels[pair.Key]));
        }
        foreach (var service in Base.Of<V1Service>().Where(s => s.Spec.Type != "ExternalName"))
        {
            Assert.Single(Base.Of<V1Deployment>(), d => Selects(service.Spec.Selector, d));
        }
    }

    [Fact]
    public void The_hpa_and_the_pdb_target_the_search_api_deployment()
    {
        var hpa = Base.Of<V2HorizontalPodAutoscaler>().Single();
        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        var target = Base.Deployment(hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal("search-api", target.Metadata.Name);
        Assert.Equal("cpu", hpa.Spec.Metrics.Single().Resource.Name);
        Assert.True(hpa.Spec.MinReplicas >= 1 && hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);

        var pdb = Base.Of<V1PodDisruptionBudget>().Single();
        Assert.Single(Base.Of<V1Deployment>(), d => Selects(pdb.Spec.Selector.MatchLabels, d));
        Assert.True(Selects(pdb.Spec.Selector.MatchLabels, target));
    }

    [Fact]
    public void The_trainer_is_a_single_replica_recreated_on_update()
    {
        var trainer = Base.Deployment("trainer-worker");
        Assert.Equal(1, trainer.Spec.Replicas);
        Assert.Equal("Recreate", trainer.Spec.Strategy.Type);
    }

    [Fact]
    public void Keda_scales_generators_on_the_generate_stream_and_the_generator_group()
    {
        var scaled = Base.OfKind("ScaledObject").Single();
        var spec = Map(scaled["spec"]);
        Assert.Equal("generator-worker", Base.Deployment((string)Map(spec["scaleTargetRef"])["name"]).Metadata.Name);
        Assert.Null(Base.Deployment("generator-worker").Spec.Replicas); // KEDA owns the count
        Assert.Equal("0", spec["minReplicaCount"].ToString());
        Assert.True(int.Parse((string)spec["maxReplicaCount"], System.Globalization.CultureInfo.InvariantCulture) > 0);

        var trigger = Map(((List<object>)spec["triggers"]).Single());
        Assert.Equal("redis-streams", trigger["type"]);
        var metadata = Map(trigger["metadata"]);
        Assert.Equal(new RedisQueueKeys(QueueNames.Generate).Stream, metadata["stream"]);
        Assert.Equal("genq:generate:stream", metadata["stream"]);
        // The group is the generator's AddRedisJobQueue(consumerGroup: ...) argument, a literal in its Extensions.
        var group = (string)metadata["consumerGroup"];
        var generatorSource = File.ReadAllText(Repository.Path("services", "GenQ.GeneratorWorker", "Extensions", "Extensions.cs"));
        Assert.Contains($"consumerGroup: \"{group}\"", generatorSource, StringComparison.Ordinal);
        Assert.Equal("redis", ((string)metadata["address"]).Split('.', ':')[0]);

        var authName = (string)Map(trigger["authenticationRef"])["name"];
        var auth = Base.OfKind("TriggerAuthentication").Single(a => (string)Map(a["metadata"])["name"] == authName);
        var secretTarget = Map(((List<object>)Map(auth["spec"])["secretTargetRef"]).Single());
        var secret = Base.Of<V1Secret>().Single(s => s.Metadata.Name == (string)secretTarget["name"]);
        Assert.Contains((string)secretTarget["key"], secret.StringData.Keys);
    }

    [Fact]
    public void No_service_reads_another_services_disk_models_come_from_the_redis_model_store()
    {
        // Issue 19: nothing needs a ReadWriteMany volume any more.
        Assert.DoesNotContain(Base.Of<V1PersistentVolumeClaim>(), c => c.Spec.AccessModes.Contains("ReadWriteMany"));
        foreach (var name in new[] { "search-api", "trainer-worker" })
        {
            var deployment = Base.Deployment(name);
            var kind = EnvironmentValue(Base, deployment, ServiceSettings.Key(ModelStoreOptions.SectionName, nameof(ModelStoreOptions.Kind)));
            Assert.Equal(ModelStoreKind.Redis, Enum.Parse<ModelStoreKind>(kind!));
        }
        // Each search replica fetches into its own scratch volume; the trainer's claim is mounted by the trainer alone.
        var api = Base.Deployment("search-api").Spec.Template.Spec;
        Assert.All(api.Volumes, v => Assert.NotNull(v.EmptyDir));
        var trainerClaims = Base.Deployment("trainer-worker").Spec.Template.Spec.Volumes.Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().ToList();
        var trainerClaim = Base.Of<V1PersistentVolumeClaim>().Single(c => trainerClaims.Contains(c.Metadata.Name));
        Assert.Equal(["ReadWriteOnce"], trainerClaim.Spec.AccessModes);
        foreach (var other in new[] { "search-api", "generator-worker", "web" })
        {
            Assert.DoesNotContain(Base.Deployment(other).Spec.Template.Spec.Volumes ?? [], v => v.PersistentVolumeClaim?.ClaimName == trainerClaim.Metadata.Name);
        }
    }

    [Fact]
    public void The_kustomization_lists_every_file_of_the_base()
    {
        var kustomization = Base.OfKind("Kustomization").Single();
        var resources = ((List<object>)kustomization["resources"]).Cast<string>().Order(StringComparer.Ordinal);
        var files = Base.Files.Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);
        Assert.Equal(files, resources);
    }

    [Fact]
    public void The_generation_provider_in_the_config_map_parses()
    {
        var value = EnvironmentValue(Base, Base.Deployment("generator-worker"), ServiceSettings.Key(GenerationOptions.SectionName, nameof(GenerationOptions.Provider)));
        Assert.True(Enum.TryParse<ExecutionProviderPreference>(value, ignoreCase: true, out _), value);
    }

    [Fact]
    public void Generators_run_as_many_onnx_runtime_threads_as_cpus_they_request()
    {
        var deployment = Base.Deployment("generator-worker");
        var threads = EnvironmentValue(Base, deployment, ServiceSettings.Key(GenerationOptions.SectionName, nameof(GenerationOptions.IntraOpThreads)));
        Assert.Equal(Container(deployment).Resources.Requests["cpu"].ToString(), threads);
        // The same setting the AppHost splits among local replicas (GeneratorThreads).
        Assert.Equal($"{GenerationOptions.SectionName}:{nameof(GenerationOptions.IntraOpThreads)}", GenQ.Contracts.Configuration.ServiceSettingKeys.GenerationIntraOpThreads);
    }

    internal static V1Container Container(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers.Single();

    internal static Dictionary<object, object> Map(object value) => (Dictionary<object, object>)value;

    internal static IEnumerable<string> EnvironmentNames(Manifests manifests, V1Deployment deployment)
    {
        var container = Container(deployment);
        foreach (var env in container.Env ?? [])
        {
            yield return env.Name;
        }
        foreach (var source in container.EnvFrom ?? [])
        {
            foreach (var key in manifests.ConfigMap(source.ConfigMapRef.Name).Data.Keys)
            {
                yield return key;
            }
        }
    }

    internal static string? EnvironmentValue(Manifests manifests, V1Deployment deployment, string name)
    {
        var container = Container(deployment);
        var direct = container.Env?.SingleOrDefault(e => e.Name == name);
        if (direct is not null)
        {
            return direct.Value;
        }
        return (container.EnvFrom ?? [])
            .Select(source => manifests.ConfigMap(source.ConfigMapRef.Name).Data)
            .Where(data => data.ContainsKey(name))
            .Select(data => data[name])
            .LastOrDefault();
    }

    private static bool Selects(IDictionary<string, string> selector, V1Deployment deployment) =>
        selector.All(pair => deployment.Spec.Template.Metadata.Labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static int LaunchProfilePort(string project)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Repository.Path("services", project, "Properties", "launchSettings.json")));
        var urls = json.RootElement.GetProperty("profiles").EnumerateObject()
            .Select(p => p.Value.TryGetProperty("applicationUrl", out var url) ? url.GetString() : null)
            .Where(url => url is not null)
            .SelectMany(url => url!.Split(';'))
            .Select(url => new Uri(url))
            .Where(uri => uri.Scheme == "http")
            .Select(uri => uri.Port)
            .Distinct()
            .ToList();
        return Assert.Single(urls);
    }

    private static string ServiceDefaultsPath(string constant)
    {
        var type = Type.GetType("Microsoft.Extensions.Hosting.Extensions, GenQ.ServiceDefaults", throwOnError: true)!;
        var field = type.GetField(constant, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"ServiceDefaults has no {constant}");
        return (string)field.GetRawConstantValue()!;
    }
}
