using WineB24.OneCConnector;
using WineB24.Placements;
using WineB24.Robots;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOneCConnector(builder.Configuration);
builder.Services.AddRobots(builder.Configuration);
builder.Services.AddPlacements(builder.Configuration);

var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.MapOneCConnector();
app.MapRobots();
app.MapPlacements();
app.Run();
