namespace GenQ.WebApp.Services;

/// <summary>
/// One query answered by the zero-shot base model and by the live model. <see cref="Note"/> says why the two are the
/// same model (training not finished yet) or why the zero-shot side is missing (its index version was pruned).
/// </summary>
public sealed record Comparison(ApiResult<SearchResultDto> ZeroShot, ApiResult<SearchResultDto> Live, string? Note);
