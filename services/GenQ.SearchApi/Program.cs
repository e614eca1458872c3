using GenQ.SearchApi.Apis;
using GenQ.SearchApi.Extensions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// Any error without a body (bad route value, unexpected exception) still answers with RFC 7807 problem details.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapRunsApi();
app.MapSearchApi();
app.MapCorporaApi();
app.MapDemoApi();
app.MapEvaluationApi();
app.MapVersionsApi();

app.Run();
