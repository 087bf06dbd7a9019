using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Weir.Oci.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Weir.Gateway.Configuration;

/// <summary>
/// Turns a YAML document into a <see cref="GatewayDefinition"/>, checking every field and every cross
/// reference (routes to clusters, chains to filters) and reporting all problems with file, line and field.
/// </summary>
internal static class GatewayConfigurationParser
{
    /// <summary>The default time an upstream has for its response headers.</summary>
    public static readonly TimeSpan DefaultRouteTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultIdleConnectionTimeout = TimeSpan.FromSeconds(60);
    private static readonly Regex NamePattern = new("^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"];

    /// <summary>Parses YAML text.</summary>
    /// <param name="text">The document.</param>
    /// <param name="source">The file name used in errors.</param>
    /// <param name="baseDirectory">The directory relative module paths are resolved against.</param>
    public static ParsedConfiguration Parse(string text, string source, string baseDirectory)
    {
        var reader = new ConfigurationReader(source);
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException exception)
        {
            reader.Error(exception.Start, string.Empty, "not valid YAML: " + TrimYamlMessage(exception.Message));
            return new ParsedConfiguration(null, reader.Locations, reader.Errors);
        }

        if (root is null || ConfigurationReader.IsNull(root))
        {
            reader.Error((YamlNode?)null, string.Empty, "the configuration is empty: it needs at least listeners and clusters");
            return new ParsedConfiguration(null, reader.Locations, reader.Errors);
        }

        return Bind(root, reader, baseDirectory);
    }

    /// <summary>Binds an already built node tree (the command line builds one), with the same checks as a file.</summary>
    public static ParsedConfiguration Bind(YamlNode root, ConfigurationReader reader, string baseDirectory)
    {
        var top = reader.Mapping(root, string.Empty);
        if (top is null)
        {
            return new ParsedConfiguration(null, reader.Locations, reader.Errors);
        }

        var admin = ReadAdmin(top);
        var accessLog = ReadAccessLog(top);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var filters = ReadList(top, "filters", (mapping) => ReadFilter(mapping, baseDirectory), declared);
        var declaredFilters = declared.ToHashSet(StringComparer.Ordinal);
        declared.Clear();
        var clusters = ReadList(top, "clusters", ReadCluster, declared);
        var declaredClusters = declared.ToHashSet(StringComparer.Ordinal);
        var listeners = ReadList(top, "listeners", ReadListener, declared);
        top.RejectUnknownKeys();

        if (!top.Has("listeners"))
        {
            reader.Error(top.Node, "listeners", "is required: at least one listener with routes");
        }

        CheckUnique(reader, filters, filter => filter.Definition.Name);
        CheckUnique(reader, clusters, cluster => cluster.Definition.Name);
        CheckUnique(reader, listeners, listener => listener.Definition.Name);
        CheckReferences(reader, listeners, declaredClusters, declaredFilters, admin);

        if (reader.Errors.Count > 0)
        {
            return new ParsedConfiguration(null, reader.Locations, reader.Errors);
        }

        var definition = new GatewayDefinition(
            admin,
            accessLog,
            listeners.Select(listener => listener.Definition).ToArray(),
            clusters.Select(cluster => cluster.Definition).ToArray(),
            filters.Select(filter => filter.Definition).ToArray());
        return new ParsedConfiguration(definition, reader.Locations, reader.Errors);
    }

    /// <summary>Reads a list of named items; <paramref name="declared"/> gets every name written, even of items with errors, so references to them are not reported again.</summary>
    private static List<Located<T>> ReadList<T>(MappingReader top, string key, Func<MappingReader, T?> read, HashSet<string> declared)
        where T : class
    {
        var items = new List<Located<T>>();
        foreach (var (node, field) in top.Sequence(key))
        {
            if (top.Reader.Mapping(node, field) is not { } mapping)
            {
                continue;
            }

            if (mapping.Node.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { } text })
            {
                declared.Add(text);
            }

            if (read(mapping) is { } item)
            {
                items.Add(new Located<T>(item, field, node));
            }
        }

        return items;
    }

    private static AdminDefinition? ReadAdmin(MappingReader top)
    {
        if (top.Mapping("admin") is not { } admin)
        {
            return null;
        }

        var address = admin.String("address", required: true);
        admin.RejectUnknownKeys();
        if (address is null)
        {
            return null;
        }

        if (!ListenAddress.TryParse(address, out _, out var error))
        {
            admin.Reader.Error(admin.Get("address"), admin.FieldOf("address"), error);
            return null;
        }

        return new AdminDefinition(address.Trim());
    }

    private static AccessLogDefinition? ReadAccessLog(MappingReader top)
    {
        var node = top.Get("access_log");
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode)
        {
            return top.Reader.Scalar(node, "access_log") is { Length: > 0 } path ? new AccessLogDefinition(path) : null;
        }

        if (top.Reader.Mapping(node, "access_log") is not { } mapping)
        {
            return null;
        }

        var configured = mapping.String("path", required: true);
        mapping.RejectUnknownKeys();
        return configured is { Length: > 0 } ? new AccessLogDefinition(configured) : null;
    }

    private static ListenerDefinition? ReadListener(MappingReader listener)
    {
        var reader = listener.Reader;
        var name = ReadName(listener);
        var address = listener.String("address", required: true);
        var protocols = ReadProtocols(listener);
        var filters = listener.Strings("filters");
        var routes = new List<RouteDefinition>();
        var routeIndex = 0;
        foreach (var (node, field) in listener.Sequence("routes"))
        {
            if (reader.Mapping(node, field) is { } mapping && ReadRoute(mapping, routeIndex) is { } route)
            {
                routes.Add(route);
            }

            routeIndex++;
        }

        listener.RejectUnknownKeys();
        if (routeIndex == 0)
        {
            reader.Error(listener.Node, listener.FieldOf("routes"), "is required: a listener needs at least one route");
        }

        if (address is not null && !ListenAddress.TryParse(address, out _, out var error))
        {
            reader.Error(listener.Get("address"), listener.FieldOf("address"), error);
            return null;
        }

        var routeNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < routes.Count; i++)
        {
            if (!routeNames.Add(routes[i].Name))
            {
                reader.Error((YamlNode?)null, $"{listener.Field}.routes[{i}].name", $"the route name '{routes[i].Name}' is used twice in this listener");
            }
        }

        return name is null || address is null || protocols is null ? null : new ListenerDefinition(name, address.Trim(), protocols.Value, filters, routes);
    }

    private static ListenerProtocols? ReadProtocols(MappingReader listener)
    {
        var values = listener.Strings("protocols");
        if (values.Count == 0)
        {
            return ListenerProtocols.Http1AndHttp2;
        }

        bool http1 = false, http2 = false;
        foreach (var value in values)
        {
            switch (value.Trim().ToLowerInvariant())
            {
                case "http1" or "http/1.1":
                    http1 = true;
                    break;
                case "h2c" or "http2" or "h2":
                    http2 = true;
                    break;
                default:
                    listener.Reader.Error(listener.Get("protocols"), listener.FieldOf("protocols"), $"unknown protocol '{value}' (expected http1 or h2c)");
                    return null;
            }
        }

        return http1 && http2 ? ListenerProtocols.Http1AndHttp2 : http2 ? ListenerProtocols.Http2 : ListenerProtocols.Http1;
    }

    private static RouteDefinition? ReadRoute(MappingReader route, int index)
    {
        var reader = route.Reader;
        var name = route.String("name") ?? index.ToString(CultureInfo.InvariantCulture);
        if (!NamePattern.IsMatch(name))
        {
            reader.Error(route.Get("name"), route.FieldOf("name"), $"'{name}' is not a valid name: use letters, digits, '_', '.' and '-'");
        }

        var match = route.Mapping("match") is { } matchReader
            ? ReadMatch(matchReader)
            : new RouteMatchDefinition(PathMatchKind.Prefix, "/", [], []);
        var cluster = route.String("cluster", required: true);
        var filters = route.Strings("filters");
        var timeout = route.Duration("timeout", allowZero: true) ?? DefaultRouteTimeout;
        var retry = route.Mapping("retry") is { } retryReader ? ReadRetry(retryReader) : null;
        var preserveHost = route.Boolean("preserve_host") ?? false;
        route.RejectUnknownKeys();
        return match is null || cluster is null ? null : new RouteDefinition(name, match, cluster, filters, timeout, retry, preserveHost);
    }

    private static RouteMatchDefinition? ReadMatch(MappingReader match)
    {
        var reader = match.Reader;
        var prefix = match.String("prefix");
        var exact = match.String("path");
        var exactAlias = match.String("exact");
        var regex = match.String("regex");
        exact ??= exactAlias;
        var headers = new List<HeaderMatchDefinition>();
        foreach (var (node, field) in match.Sequence("headers"))
        {
            if (reader.Mapping(node, field) is { } header && ReadHeaderMatch(header) is { } condition)
            {
                headers.Add(condition);
            }
        }

        var methods = new List<string>();
        foreach (var method in match.Strings("methods"))
        {
            var upper = method.Trim().ToUpperInvariant();
            if (!Methods.Contains(upper))
            {
                reader.Error(match.Get("methods"), match.FieldOf("methods"), $"unknown method '{method}' (expected one of: {string.Join(", ", Methods)})");
                return null;
            }

            methods.Add(upper);
        }

        match.RejectUnknownKeys();
        var given = (prefix is null ? 0 : 1) + (exact is null ? 0 : 1) + (regex is null ? 0 : 1);
        if (given > 1)
        {
            reader.Error(match.Node, match.Field, "give only one of prefix, path (exact) and regex");
            return null;
        }

        if (regex is not null)
        {
            return TryCompile(regex, out var error)
                ? new RouteMatchDefinition(PathMatchKind.Regex, regex, headers, methods)
                : Fail(match.Get("regex"), match.FieldOf("regex"), error);
        }

        if (exact is not null)
        {
            return exact.StartsWith('/')
                ? new RouteMatchDefinition(PathMatchKind.Exact, exact, headers, methods)
                : Fail(match.Get("path") ?? match.Get("exact"), match.FieldOf(match.Has("path") ? "path" : "exact"), $"'{exact}' must start with '/'");
        }

        prefix ??= "/";
        return prefix.StartsWith('/')
            ? new RouteMatchDefinition(PathMatchKind.Prefix, prefix, headers, methods)
            : Fail(match.Get("prefix"), match.FieldOf("prefix"), $"'{prefix}' must start with '/'");

        RouteMatchDefinition? Fail(YamlNode? node, string field, string message)
        {
            reader.Error(node, field, message);
            return null;
        }
    }

    private static HeaderMatchDefinition? ReadHeaderMatch(MappingReader header)
    {
        var reader = header.Reader;
        var name = header.String("name", required: true);
        var exact = header.String("exact");
        var prefix = header.String("prefix");
        var regex = header.String("regex");
        var present = header.Boolean("present");
        var absent = header.Boolean("absent");
        header.RejectUnknownKeys();
        if (name is null)
        {
            return null;
        }

        var conditions = new List<HeaderMatchDefinition>();
        if (exact is not null)
        {
            conditions.Add(new HeaderMatchDefinition(name, HeaderMatchKind.Exact, exact));
        }

        if (prefix is not null)
        {
            conditions.Add(new HeaderMatchDefinition(name, HeaderMatchKind.Prefix, prefix));
        }

        if (regex is not null)
        {
            if (!TryCompile(regex, out var error))
            {
                reader.Error(header.Get("regex"), header.FieldOf("regex"), error);
                return null;
            }

            conditions.Add(new HeaderMatchDefinition(name, HeaderMatchKind.Regex, regex));
        }

        if (present is not null)
        {
            conditions.Add(new HeaderMatchDefinition(name, present.Value ? HeaderMatchKind.Present : HeaderMatchKind.Absent, null));
        }

        if (absent is not null)
        {
            conditions.Add(new HeaderMatchDefinition(name, absent.Value ? HeaderMatchKind.Absent : HeaderMatchKind.Present, null));
        }

        if (conditions.Count != 1)
        {
            reader.Error(header.Node, header.Field, "give exactly one of exact, prefix, regex, present and absent");
            return null;
        }

        return conditions[0];
    }

    private static RetryDefinition? ReadRetry(MappingReader retry)
    {
        var reader = retry.Reader;
        var attempts = retry.Integer("attempts", 1, 10) ?? 1;
        var perTryTimeout = retry.Duration("per_try_timeout");
        var conditions = RetryConditions.None;
        var on = retry.Strings("on");
        foreach (var condition in on)
        {
            var parsed = condition.Trim().ToLowerInvariant() switch
            {
                "connect_failure" or "connect-failure" => RetryConditions.ConnectFailure,
                "reset" => RetryConditions.Reset,
                "gateway_error" or "gateway-error" => RetryConditions.GatewayError,
                "5xx" => RetryConditions.ServerError,
                "timeout" => RetryConditions.Timeout,
                _ => RetryConditions.None,
            };
            if (parsed == RetryConditions.None)
            {
                reader.Error(retry.Get("on"), retry.FieldOf("on"), $"unknown retry condition '{condition}' (expected connect_failure, reset, gateway_error, 5xx or timeout)");
                return null;
            }

            conditions |= parsed;
        }

        retry.RejectUnknownKeys();
        if (on.Count == 0)
        {
            conditions = RetryConditions.ConnectFailure | RetryConditions.Reset;
        }

        if (conditions.HasFlag(RetryConditions.Timeout) && perTryTimeout is null)
        {
            reader.Error(retry.Get("on"), retry.FieldOf("on"), "retrying on timeout needs per_try_timeout (otherwise the route's timeout has already passed)");
            return null;
        }

        return new RetryDefinition(attempts, conditions, perTryTimeout);
    }

    private static ClusterDefinition? ReadCluster(MappingReader cluster)
    {
        var reader = cluster.Reader;
        var name = ReadName(cluster);
        var endpoints = new List<string>();
        foreach (var (node, field) in cluster.Sequence("endpoints"))
        {
            if (reader.Scalar(node, field) is not { } text)
            {
                continue;
            }

            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                reader.Error(node, field, $"'{text}' is not an endpoint: write an absolute http:// or https:// address, for example http://127.0.0.1:9000");
                continue;
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                reader.Error(node, field, $"'{text}': an endpoint may carry a path but no query, fragment or user name");
                continue;
            }

            endpoints.Add(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        if (!cluster.Has("endpoints"))
        {
            reader.Error(cluster.Node, cluster.FieldOf("endpoints"), "is required: a cluster needs at least one endpoint");
        }

        LoadBalancingPolicy? balancing = cluster.String("load_balancing") is not { } policy ? LoadBalancingPolicy.RoundRobin : policy.Trim().ToLowerInvariant() switch
        {
            "round_robin" or "round-robin" => LoadBalancingPolicy.RoundRobin,
            "least_request" or "least-request" => LoadBalancingPolicy.LeastRequest,
            _ => null,
        };
        if (balancing is null)
        {
            reader.Error(cluster.Get("load_balancing"), cluster.FieldOf("load_balancing"), $"unknown policy '{cluster.String("load_balancing")}' (expected round_robin or least_request)");
        }

        var healthCheck = cluster.Mapping("health_check") is { } check ? ReadHealthCheck(check) : null;
        var connectTimeout = cluster.Duration("connect_timeout") ?? DefaultConnectTimeout;
        UpstreamProtocol? protocol = cluster.String("protocol") is not { } protocolText ? UpstreamProtocol.Http1 : protocolText.Trim().ToLowerInvariant() switch
        {
            "http1" or "http/1.1" => UpstreamProtocol.Http1,
            "h2c" or "http2" or "h2" => UpstreamProtocol.Http2,
            _ => null,
        };
        if (protocol is null)
        {
            reader.Error(cluster.Get("protocol"), cluster.FieldOf("protocol"), $"unknown protocol '{cluster.String("protocol")}' (expected http1 or h2c)");
        }

        var maxConnections = cluster.Integer("max_connections_per_endpoint", 1, 100_000);
        var idleTimeout = cluster.Duration("idle_timeout") ?? DefaultIdleConnectionTimeout;
        cluster.RejectUnknownKeys();
        if (name is null || balancing is null || protocol is null || endpoints.Count == 0 || (cluster.Has("health_check") && healthCheck is null))
        {
            return null;
        }

        return new ClusterDefinition(name, endpoints, balancing.Value, healthCheck, connectTimeout, protocol.Value, maxConnections, idleTimeout);
    }

    private static HealthCheckDefinition? ReadHealthCheck(MappingReader check)
    {
        var reader = check.Reader;
        var path = check.String("path", required: true);
        var interval = check.Duration("interval") ?? TimeSpan.FromSeconds(5);
        var timeout = check.Duration("timeout") ?? TimeSpan.FromSeconds(1);
        var healthy = check.Integer("healthy_threshold", 1, 100) ?? 1;
        var unhealthy = check.Integer("unhealthy_threshold", 1, 100) ?? 2;
        var statuses = check.String("expected_statuses") ?? "200-399";
        check.RejectUnknownKeys();
        if (path is null)
        {
            return null;
        }

        if (!path.StartsWith('/'))
        {
            reader.Error(check.Get("path"), check.FieldOf("path"), $"'{path}' must start with '/'");
            return null;
        }

        if (!TryParseStatusRange(statuses, out var minimum, out var maximum))
        {
            reader.Error(check.Get("expected_statuses"), check.FieldOf("expected_statuses"), $"'{statuses}' is not a status range: write one status (200) or a range (200-399)");
            return null;
        }

        return new HealthCheckDefinition(path, interval, timeout, healthy, unhealthy, minimum, maximum);
    }

    private static FilterDefinition? ReadFilter(MappingReader filter, string baseDirectory)
    {
        var reader = filter.Reader;
        var name = ReadName(filter);
        var moduleText = filter.String("module", required: true);
        var sha256 = filter.String("sha256");
        var rootId = filter.String("root_id") ?? string.Empty;
        var vmId = filter.String("vm_id") ?? string.Empty;
        var configuration = ReadPluginConfiguration(filter, "configuration");
        var vmConfiguration = ReadPluginConfiguration(filter, "vm_configuration");
        FilterFailurePolicy? policy = filter.String("failure_policy") is not { } policyText ? FilterFailurePolicy.FailClosed : policyText.Trim().ToLowerInvariant() switch
        {
            "fail_closed" or "fail-closed" => FilterFailurePolicy.FailClosed,
            "fail_open" or "fail-open" => FilterFailurePolicy.FailOpen,
            "reload" => FilterFailurePolicy.Reload,
            _ => null,
        };
        if (policy is null)
        {
            reader.Error(filter.Get("failure_policy"), filter.FieldOf("failure_policy"), $"unknown failure policy '{filter.String("failure_policy")}' (expected fail_closed, fail_open or reload)");
        }

        var limits = filter.Mapping("limits") is { } limitsReader ? ReadLimits(limitsReader) : FilterLimitsDefinition.Defaults;
        filter.RejectUnknownKeys();

        ModuleSource? module = null;
        if (moduleText is not null)
        {
            module = ResolveModuleSource(moduleText.Trim(), baseDirectory, out var error);
            if (module is null)
            {
                reader.Error(filter.Get("module"), filter.FieldOf("module"), error);
            }
        }

        if (sha256 is not null)
        {
            var hex = sha256.Trim().StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? sha256.Trim()[7..] : sha256.Trim();
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                reader.Error(filter.Get("sha256"), filter.FieldOf("sha256"), "expected 64 hexadecimal digits (the module's SHA-256), optionally prefixed with 'sha256:'");
                return null;
            }

            sha256 = hex.ToLowerInvariant();
        }

        if (name is null || module is null || policy is null || limits is null || configuration is null || vmConfiguration is null)
        {
            return null;
        }

        return new FilterDefinition(name, module, sha256, rootId, vmId, configuration, vmConfiguration, policy.Value, limits);
    }

    private static FilterLimitsDefinition? ReadLimits(MappingReader limits)
    {
        var reader = limits.Reader;
        var memory = limits.Size("memory");
        var callbackTimeout = limits.Duration("callback_timeout");
        var maxVms = limits.Integer("max_vms", 1, 1024);
        var maxBuffered = limits.Size("max_buffered_body");
        var recycleAt = limits.Percentage("recycle_at");
        limits.RejectUnknownKeys();
        if (memory is < 65_536)
        {
            reader.Error(limits.Get("memory"), limits.FieldOf("memory"), "must be at least 64KiB (one WebAssembly page)");
            return null;
        }

        if (maxBuffered is > int.MaxValue)
        {
            reader.Error(limits.Get("max_buffered_body"), limits.FieldOf("max_buffered_body"), "must be less than 2GiB");
            return null;
        }

        return new FilterLimitsDefinition(memory, callbackTimeout, maxVms, maxBuffered is null ? null : (int)maxBuffered.Value, recycleAt);
    }

    /// <summary>Text as written for a scalar; JSON for a mapping or list (what Envoy passes for a Struct).</summary>
    private static string? ReadPluginConfiguration(MappingReader filter, string key)
    {
        var node = filter.Get(key);
        if (node is null)
        {
            return string.Empty;
        }

        filter.Reader.Locations.Record(filter.FieldOf(key), node.Start);
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName((key as YamlScalarNode)?.Value ?? string.Empty);
                    WriteJson(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any)
        {
            if (ConfigurationReader.IsNull(scalar))
            {
                writer.WriteNullValue();
                return;
            }

            if (value is "true" or "false")
            {
                writer.WriteBooleanValue(value == "true");
                return;
            }

            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                writer.WriteNumberValue(integer);
                return;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                writer.WriteNumberValue(number);
                return;
            }
        }

        writer.WriteStringValue(value);
    }

    private static ModuleSource? ResolveModuleSource(string text, string baseDirectory, out string error)
    {
        error = string.Empty;
        if (text.StartsWith(ModuleSource.OciScheme, StringComparison.OrdinalIgnoreCase))
        {
            var reference = text[ModuleSource.OciScheme.Length..];
            if (!Reference.TryParse(reference, out var parsed))
            {
                error = $"'{text}' is not an OCI reference: expected oci://registry/repository:tag or @sha256:digest";
                return null;
            }

            return new ModuleSource(ModuleSourceKind.Oci, parsed.ToString());
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{text}': a module is a file path or an oci:// reference";
            return null;
        }

        var path = Path.GetFullPath(Path.IsPathRooted(text) ? text : Path.Combine(baseDirectory, text));
        if (!File.Exists(path))
        {
            error = $"the module file '{path}' does not exist";
            return null;
        }

        return new ModuleSource(ModuleSourceKind.File, path);
    }

    private static string? ReadName(MappingReader mapping)
    {
        var name = mapping.String("name", required: true);
        if (name is not null && !NamePattern.IsMatch(name))
        {
            mapping.Reader.Error(mapping.Get("name"), mapping.FieldOf("name"), $"'{name}' is not a valid name: use letters, digits, '_', '.' and '-', starting with a letter or digit");
            return null;
        }

        return name;
    }

    private static bool TryCompile(string pattern, out string error)
    {
        try
        {
            _ = new Regex(pattern, PatternOptions);
            error = string.Empty;
            return true;
        }
        catch (ArgumentException exception) when (exception is not ArgumentNullException)
        {
            error = $"'{pattern}' is not a usable regular expression: {exception.Message}";
            return false;
        }
        catch (NotSupportedException exception)
        {
            error = $"'{pattern}' is not a usable regular expression (backreferences and lookarounds are not supported): {exception.Message}";
            return false;
        }
    }

    /// <summary>Patterns run without backtracking, so a hostile path cannot make matching take exponential time.</summary>
    public const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    private static bool TryParseStatusRange(string text, out int minimum, out int maximum)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        maximum = 0;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out minimum) || minimum is < 100 or > 599)
        {
            return false;
        }

        if (parts.Length == 1)
        {
            maximum = minimum;
            return true;
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out maximum) && maximum is >= 100 and <= 599 && maximum >= minimum;
    }

    private static void CheckUnique<T>(ConfigurationReader reader, List<Located<T>> items, Func<Located<T>, string> name)
        where T : class
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = name(item);
            if (!seen.TryAdd(key, item.Field))
            {
                reader.Error(item.Node, item.Field + ".name", $"the name '{key}' is already used by {seen[key]}");
            }
        }
    }

    private static void CheckReferences(ConfigurationReader reader, List<Located<ListenerDefinition>> listeners, HashSet<string> clusterNames, HashSet<string> filterNames, AdminDefinition? admin)
    {
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (admin is not null && ListenAddress.TryParse(admin.Address, out var adminEndPoint, out _) && adminEndPoint.Port != 0)
        {
            addresses[adminEndPoint.ToString()] = "admin.address";
        }

        foreach (var listener in listeners)
        {
            if (ListenAddress.TryParse(listener.Definition.Address, out var endPoint, out _) && endPoint.Port != 0 && !addresses.TryAdd(endPoint.ToString(), listener.Field + ".address"))
            {
                reader.Errors.Add(reader.Locations.ErrorAt(listener.Field + ".address", $"{endPoint} is already used by {addresses[endPoint.ToString()]}"));
            }

            CheckFilterNames(reader, filterNames, [], listener.Definition.Filters, listener.Field + ".filters");
            for (var i = 0; i < listener.Definition.Routes.Count; i++)
            {
                var route = listener.Definition.Routes[i];
                var field = $"{listener.Field}.routes[{i}]";
                if (!clusterNames.Contains(route.Cluster))
                {
                    var known = clusterNames.Count == 0 ? "no clusters are defined" : "clusters: " + string.Join(", ", clusterNames.Order(StringComparer.Ordinal));
                    reader.Errors.Add(reader.Locations.ErrorAt(field + ".cluster", $"unknown cluster '{route.Cluster}' ({known})"));
                }

                CheckFilterNames(reader, filterNames, listener.Definition.Filters, route.Filters, field + ".filters");
            }
        }
    }

    private static void CheckFilterNames(ConfigurationReader reader, HashSet<string> known, IReadOnlyList<string> inherited, IReadOnlyList<string> chain, string field)
    {
        var seen = new HashSet<string>(inherited, StringComparer.Ordinal);
        for (var i = 0; i < chain.Count; i++)
        {
            if (!known.Contains(chain[i]))
            {
                var names = known.Count == 0 ? "no filters are defined" : "filters: " + string.Join(", ", known.Order(StringComparer.Ordinal));
                reader.Errors.Add(reader.Locations.ErrorAt($"{field}[{i}]", $"unknown filter '{chain[i]}' ({names})"));
            }
            else if (!seen.Add(chain[i]))
            {
                var where = inherited.Contains(chain[i]) ? " (the listener's chain already runs it)" : string.Empty;
                reader.Errors.Add(reader.Locations.ErrorAt($"{field}[{i}]", $"the filter '{chain[i]}' appears twice in this chain{where}"));
            }
        }
    }

    private static string TrimYamlMessage(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is reported separately.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private sealed record Located<T>(T Definition, string Field, YamlNode Node);
}
