namespace GenQ.Deploy.Tests;

/// <summary>A fact that needs <c>kubectl</c> (its built-in kustomize renders the overlays offline); skipped without it.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH: the overlays are not rendered (apt-get install -y kubectl, or any kubectl with kustomize built in)";
        }
    }
}
