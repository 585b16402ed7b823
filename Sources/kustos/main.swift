import CLI

CommandLine.exitWith(KustosCLI.run(Array(CommandLine.arguments.dropFirst())))
