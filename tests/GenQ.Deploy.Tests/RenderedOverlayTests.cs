using GenQ.Generation;
using k8s.Models;

namespace GenQ.Deploy.Tests;

/// <summary>The overlays as kustomize renders them (kubectl's built-in kustomize, offline): what kubectl apply -k would send.</summary>
public sealed class RenderedOverlayTests
{
    [KubectlFact]
    public void The_cpu_overlay_renders_every_deployment_with_bound_keys_in_the_genq_namespace() =>
        AssertRendered("cpu", gpu: false);

    [KubectlFact]
    public void The_gpu_overlay_renders_gpu_limits_cuda_settings_and_cuda_images() =>
        AssertRendered("gpu", gpu: true);

    private static void AssertRendered(string overlay, bool gpu)
    {
        var rendered = Manifests.FromText(Kubectl.Kustomize(Repository.Path("deploy", "overlays", overlay)));
        var deployments = rendered.Of<V1Deployment>().ToList();
        Assert.Equal(ServiceSettings.Sections.Keys.Order(StringComparer.Ordinal), deployments.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(rendered.Typed.Where(o => o.Kind != "Namespace"), o => Assert.Equal("genq", ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));

        foreach (var deployment in deployments)
        {
            var name = deployment.Metadata.Name;
            var known = ServiceSettings.KeysOf(name);
            Assert.All(BaseManifestTests.EnvironmentNames(rendered, deployment), key => Assert.Contains(key, known));
            var container = BaseManifestTests.Container(deployment);
            var usesGpu = gpu && name is "generator-worker" or "trainer-worker";
            Assert.Equal(usesGpu, container.Resources.Limits.ContainsKey("nvidia.com/gpu"));
            Assert.Equal(usesGpu, container.Image.EndsWith(":cuda", StringComparison.Ordinal));
            Assert.NotNull(container.ReadinessProbe);
            Assert.NotNull(container.LivenessProbe);
        }

        var provider = BaseManifestTests.EnvironmentValue(rendered, rendered.Deployment("generator-worker"), "Generation__Provider");
        Assert.Equal(gpu ? ExecutionProviderPreference.Cuda : ExecutionProviderPreference.Auto, Enum.Parse<ExecutionProviderPreference>(provider!));
        var trainerDevice = BaseManifestTests.EnvironmentValue(rendered, rendered.Deployment("trainer-worker"), "Training__Device");
        Assert.Equal(gpu ? "cuda" : "auto", trainerDevice);

        var scaled = rendered.OfKind("ScaledObject").Single();
        var spec = BaseManifestTests.Map(scaled["spec"]);
        Assert.Equal("0", spec["minReplicaCount"].ToString());
        Assert.Equal(gpu ? "3" : "8", spec["maxReplicaCount"].ToString());
        Assert.Equal("genq", BaseManifestTests.Map(scaled["metadata"])["namespace"]);
    }
}
