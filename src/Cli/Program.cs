using System.CommandLine;
using Aisle.Cli;

// Aisle's command line: one verb per job, each with its own file.
var root = new RootCommand("Aisle command line tools.");
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(GenerateCatalogCommand.Create());
root.Subcommands.Add(ScaleBenchCommand.Create());
root.Subcommands.Add(VectorsIngestCommand.Create());
root.Subcommands.Add(SearchEvalCommand.Create());
root.Subcommands.Add(TrainModelCommand.Create());
root.Subcommands.Add(ShopperCountsCommand.Create());
return await root.Parse(args).InvokeAsync();
