using GenQ.Generation;
using GenQ.Training;
using k8s.Models;

namespace GenQ.Deploy.Tests;

/// <summary>
/// The overlays' own files. kustomize is not installed on the build machines, so the patches are not applied here:
/// each patch is checked against the base it patches (names exist, keys are bound, GPU limits set).
/// </summary>
public sealed class OverlayTests
{
    private static readonly Manifests Base = Manifests.Load(Repository.Path("deploy", "base"));

    [Theory]
    [InlineData("cpu")]
    [InlineData("gpu")]
    public void Every_overlay_builds_on_the_base_and_lists_files_that_exist(string overlay)
    {
        var folder = Repository.Path("deploy", "overlays", overlay);
        var kustomization = Manifests.Load(folder).OfKind("Kustomization").Single();
        Assert.Contains("../../base", ((List<object>)kustomization["resources"]).Cast<string>());
        if (kustomization.TryGetValue("patches", out var patches))
        {
            foreach (var patch in ((List<object>)patches).Cast<Dictionary<object, object>>())
            {
                Assert.True(File.Exists(Path.Combine(folder, (string)patch["path"])), (string)patch["path"]);
            }
        }
        if (kustomization.TryGetValue("images", out var images))
        {
            var baseImages = Base.Of<V1Deployment>().Select(d => BaseManifestTests.Container(d).Image.Split(':')[0]).ToHashSet();
            Assert.All(((List<object>)images).Cast<Dictionary<object, object>>(), image => Assert.Contains((string)image["name"], baseImages));
        }
    }

    [Theory]
    [InlineData("generator-worker")]
    [InlineData("trainer-worker")]
    public void The_gpu_overlay_gives_one_gpu_and_sets_only_keys_the_service_binds(string service)
    {
        var patches = Manifests.Load(Repository.Path("deploy", "overlays", "gpu"));
        var patch = patches.Of<V1Deployment>().Single(d => d.Metadata.Name == service);
        var container = patch.Spec.Template.Spec.Containers.Single();
        Assert.Equal(BaseManifestTests.Container(Base.Deployment(service)).Name, container.Name);
        Assert.Equal("1", container.Resources.Limits["nvidia.com/gpu"].ToString());
        var known = ServiceSettings.KeysOf(service);
        Assert.All(container.Env, env => Assert.Contains(env.Name, known));
        Assert.Contains(patch.Spec.Template.Spec.Tolerations, t => t.Key == "nvidia.com/gpu");
    }

    [Fact]
    public void The_gpu_overlay_asks_for_cuda_in_the_settings_the_code_reads()
    {
        var patches = Manifests.Load(Repository.Path("deploy", "overlays", "gpu"));
        var generator = patches.Of<V1Deployment>().Single(d => d.Metadata.Name == "generator-worker").Spec.Template.Spec.Containers.Single();
        var provider = generator.Env.Single(e => e.Name == ServiceSettings.Key(GenerationOptions.SectionName, nameof(GenerationOptions.Provider)));
        Assert.Equal(ExecutionProviderPreference.Cuda, Enum.Parse<ExecutionProviderPreference>(provider.Value));
        var batch = generator.Env.Single(e => e.Name == ServiceSettings.Key(GenerationOptions.SectionName, nameof(GenerationOptions.BatchSize)));
        new GenerationOptions { BatchSize = int.Parse(batch.Value, System.Globalization.CultureInfo.InvariantCulture) }.Validate();

        var trainer = patches.Of<V1Deployment>().Single(d => d.Metadata.Name == "trainer-worker").Spec.Template.Spec.Containers.Single();
        Assert.Equal("cuda", trainer.Env.Single(e => e.Name == ServiceSettings.Key("Training", nameof(TrainingOptions.Device))).Value);
    }

    [Fact]
    public void The_gpu_overlay_caps_generators_at_the_gpus_set_aside_and_keeps_min_zero()
    {
        var patches = Manifests.Load(Repository.Path("deploy", "overlays", "gpu"));
        var scaled = patches.OfKind("ScaledObject").Single();
        Assert.Equal("generator-worker", BaseManifestTests.Map(scaled["metadata"])["name"]);
        var spec = BaseManifestTests.Map(scaled["spec"]);
        Assert.False(spec.ContainsKey("minReplicaCount"));
        Assert.True(int.Parse((string)spec["maxReplicaCount"], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }
}
