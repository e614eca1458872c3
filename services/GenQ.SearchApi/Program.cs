using GenQ.SearchApi.Apis;
using GenQ.SearchApi.Extensions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapRunsApi();
app.MapSearchApi();
app.MapCorporaApi();

app.Run();
