namespace GenQ.WebApp.Services;

/// <summary>The value the API answered, or the problem that kept it from answering; exactly one is set.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public static ApiResult<T> Success(T value) => new(value, null);

    public static ApiResult<T> Failure(ApiProblem problem) => new(default, problem);
}
