using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Weir.Gateway.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Weir.Gateway;

/// <summary>Where a gateway's configuration comes from: a YAML file (watched and reloadable), YAML text, or command-line options.</summary>
public sealed class GatewaySource
{
    /// <summary>The source name command-line configurations report errors against.</summary>
    public const string CommandLineName = "command line";

    private readonly Func<(ParsedConfiguration Parsed, string Digest)> _load;

    private GatewaySource(string name, string? filePath, Func<(ParsedConfiguration, string)> load)
    {
        Name = name;
        FilePath = filePath;
        _load = load;
    }

    /// <summary>The file path, or a description of the source, as errors name it.</summary>
    public string Name { get; }

    /// <summary>The configuration file, when the source is one (reload reads it again).</summary>
    public string? FilePath { get; }

    /// <summary>A YAML file; relative module paths in it are resolved against its directory.</summary>
    public static GatewaySource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        return new GatewaySource(path, fullPath, () =>
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(fullPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                var locations = new SourceLocations(path);
                var message = exception is FileNotFoundException or DirectoryNotFoundException ? "the configuration file does not exist" : "cannot read the configuration file: " + exception.Message;
                return (new ParsedConfiguration(null, locations, [new ConfigurationError(path, 0, 0, string.Empty, message)]), string.Empty);
            }

            var text = Encoding.UTF8.GetString(bytes);
            return (GatewayConfigurationParser.Parse(text, path, Path.GetDirectoryName(fullPath)!), Digest(bytes));
        });
    }

    /// <summary>YAML text (tests and embedding); relative module paths are resolved against <paramref name="baseDirectory"/> (the current directory when null).</summary>
    public static GatewaySource FromText(string yaml, string name = "inline configuration", string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var directory = baseDirectory ?? Environment.CurrentDirectory;
        var digest = Digest(Encoding.UTF8.GetBytes(yaml));
        return new GatewaySource(name, null, () => (GatewayConfigurationParser.Parse(yaml, name, directory), digest));
    }

    /// <summary>The one-line gateway: one listener routing every path to one upstream through the given filters.</summary>
    public static GatewaySource FromCommandLine(SingleUpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Environment.CurrentDirectory;
        var root = BuildDocument(options);
        var digest = Digest(Encoding.UTF8.GetBytes(Serialize(root)));
        return new GatewaySource(CommandLineName, null, () =>
            (GatewayConfigurationParser.Bind(root, new ConfigurationReader(CommandLineName, hasPositions: false), directory), digest));
    }

    internal (ParsedConfiguration Parsed, string Digest) Load() => _load();

    private static YamlMappingNode BuildDocument(SingleUpstreamOptions options)
    {
        var filterNames = new YamlSequenceNode();
        var filters = new YamlSequenceNode();
        for (var i = 0; i < options.Filters.Count; i++)
        {
            var filter = options.Filters[i];
            var name = "filter-" + (i + 1).ToString(CultureInfo.InvariantCulture);
            filterNames.Add(name);
            var definition = new YamlMappingNode { { "name", name }, { "module", Quoted(filter.Module) } };
            if (filter.RootId is not null)
            {
                definition.Add("root_id", Quoted(filter.RootId));
            }

            if (filter.Configuration is not null)
            {
                definition.Add("configuration", Quoted(filter.Configuration));
            }

            filters.Add(definition);
        }

        var route = new YamlMappingNode { { "match", new YamlMappingNode { { "prefix", "/" } } }, { "cluster", "upstream" } };
        var listener = new YamlMappingNode
        {
            { "name", "default" },
            { "address", Quoted(options.Listen) },
            { "routes", new YamlSequenceNode(route) },
        };
        if (options.Filters.Count > 0)
        {
            listener.Add("filters", filterNames);
        }

        var root = new YamlMappingNode
        {
            { "listeners", new YamlSequenceNode(listener) },
            { "clusters", new YamlSequenceNode(new YamlMappingNode { { "name", "upstream" }, { "endpoints", new YamlSequenceNode(Quoted(options.Upstream)) } }) },
        };
        if (options.Filters.Count > 0)
        {
            root.Add("filters", filters);
        }

        if (options.Admin is not null)
        {
            root.Add("admin", new YamlMappingNode { { "address", Quoted(options.Admin) } });
        }

        if (options.AccessLog is not null)
        {
            root.Add("access_log", new YamlMappingNode { { "path", Quoted(options.AccessLog) } });
        }

        return root;
    }

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static string Serialize(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static string Digest(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
