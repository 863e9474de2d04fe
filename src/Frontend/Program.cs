using Aisle.Frontend.Apis;
using Aisle.Frontend.Hosting;
using Aisle.Frontend.Storefront;

var builder = WebApplication.CreateBuilder(args);

builder.AddAisleOrleans();
builder.AddAisleApi();
builder.AddAisleApplication();
builder.AddAisleStorefront();

var app = builder.Build();

app.UseAisleStorefrontHeaders();
app.UseAisleApi();
app.UseAisleOrleans();
app.MapAisleStorefront();
app.MapSearchApi();
app.MapProductsApi();
app.MapRecommendationsApi();
app.MapEventsApi();
app.MapCartApi();
app.MapAdminApi();
app.MapRulesApi();
app.MapModelApi();
app.MapExperimentsApi();
app.MapOperationsEndpoints();

app.Run();

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
