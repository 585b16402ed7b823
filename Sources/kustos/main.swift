import CLI
import Foundation

exit(KustosCLI.run(Array(CommandLine.arguments.dropFirst())))
