using GenQ.Adaptation.Teachers;

namespace GenQ.Adaptation.Tests.Teachers;

public sealed class TeacherOptionsValidatorTests
{
    private readonly TeacherOptionsValidator _validator = new();

    [Fact]
    public void NoFolderAndAnExistingFolderPass()
    {
        Assert.True(_validator.Validate(null, new TeacherOptions()).Succeeded);
        Assert.True(_validator.Validate(null, new TeacherOptions { ModelPath = Path.GetTempPath() }).Succeeded);
    }

    [Fact]
    public void AFolderThatDoesNotExistFailsNamingTheSetting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "genq-no-teacher-" + Guid.NewGuid().ToString("N"));

        var result = _validator.Validate(null, new TeacherOptions { ModelPath = missing });

        Assert.True(result.Failed);
        Assert.Equal("Teacher:ModelPath names no folder.", result.FailureMessage);
    }
}
