using WineB24.Bitrix24App;

var app = AppHost.BuildApp(args);
app.Run();

/// <summary>The entry point type, public so test hosts can refer to the assembly.</summary>
public partial class Program;
