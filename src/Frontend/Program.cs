using Aisle.Frontend.Apis;
using Aisle.Frontend.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddAisleOrleans();
builder.AddAisleApi();
builder.AddAisleApplication();

var app = builder.Build();

app.UseAisleApi();
app.MapSearchApi();
app.MapProductsApi();
app.MapRecommendationsApi();
app.MapEventsApi();
app.MapAdminApi();
app.MapRulesApi();
app.MapExperimentsApi();
app.MapOperationsEndpoints();

app.Run();

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
