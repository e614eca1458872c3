using Google.Protobuf.Collections;
using Grpc.Core;
using Qdrant.Client.Grpc;

namespace GenQ.Testing.QdrantStandIn;

/// <summary>
/// In-memory collections, aliases and points of the Qdrant stand-in. One lock guards everything, so each request,
/// UpdateAliases included, is applied atomically as Qdrant applies it. Search is exact cosine over unit vectors
/// (Qdrant also normalises vectors of cosine collections on insert). Errors use the status codes Qdrant returns.
/// </summary>
public sealed class QdrantStandInState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, StandInCollection> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private int _updateAliasesRequests;

    /// <summary>How many UpdateAliases requests arrived (each publish must be exactly one: that is what makes it atomic).</summary>
    public int UpdateAliasesRequests => Volatile.Read(ref _updateAliasesRequests);

    public void CreateCollection(string name, ulong size, Distance distance, IReadOnlyDictionary<string, Modifier> sparseVectors,
        IDictionary<string, Value> metadata)
    {
        lock (_gate)
        {
            if (_collections.ContainsKey(name) || _aliases.ContainsKey(name))
            {
                throw Error(StatusCode.InvalidArgument, $"Wrong input: Collection `{name}` already exists!");
            }

            _collections[name] = new StandInCollection(size, distance, sparseVectors, metadata);
        }
    }

    public bool DeleteCollection(string name)
    {
        lock (_gate)
        {
            if (!_collections.Remove(name))
            {
                return false;
            }

            foreach (var alias in _aliases.Where(a => a.Value == name).Select(a => a.Key).ToList())
            {
                _aliases.Remove(alias); // Qdrant drops a collection's aliases with it
            }

            return true;
        }
    }

    public IReadOnlyList<string> CollectionNames()
    {
        lock (_gate)
        {
            return _collections.Keys.ToList();
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Aliases()
    {
        lock (_gate)
        {
            return _aliases.ToList();
        }
    }

    /// <summary>Applies all operations or none.</summary>
    public void UpdateAliases(RepeatedField<AliasOperations> operations)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _updateAliasesRequests);
            var next = new Dictionary<string, string>(_aliases, StringComparer.Ordinal);
            foreach (var operation in operations)
            {
                switch (operation.ActionCase)
                {
                    case AliasOperations.ActionOneofCase.CreateAlias:
                        var create = operation.CreateAlias;
                        if (!_collections.ContainsKey(create.CollectionName))
                        {
                            throw Error(StatusCode.NotFound, $"Not found: Collection `{create.CollectionName}` doesn't exist!");
                        }

                        if (!next.TryAdd(create.AliasName, create.CollectionName))
                        {
                            throw Error(StatusCode.InvalidArgument, $"Wrong input: Alias `{create.AliasName}` already exists!");
                        }

                        break;
                    case AliasOperations.ActionOneofCase.DeleteAlias:
                        if (!next.Remove(operation.DeleteAlias.AliasName))
                        {
                            throw Error(StatusCode.NotFound, $"Not found: Alias `{operation.DeleteAlias.AliasName}` doesn't exist!");
                        }

                        break;
                    case AliasOperations.ActionOneofCase.RenameAlias:
                        var rename = operation.RenameAlias;
                        if (!next.Remove(rename.OldAliasName, out var target))
                        {
                            throw Error(StatusCode.NotFound, $"Not found: Alias `{rename.OldAliasName}` doesn't exist!");
                        }

                        next[rename.NewAliasName] = target;
                        break;
                    default:
                        throw Error(StatusCode.InvalidArgument, "Wrong input: empty alias operation");
                }
            }

            _aliases.Clear();
            foreach (var (alias, collection) in next)
            {
                _aliases[alias] = collection;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> on the collection named (or aliased) <paramref name="nameOrAlias"/> under the lock.</summary>
    public T With<T>(string nameOrAlias, Func<StandInCollection, T> action)
    {
        lock (_gate)
        {
            var name = _aliases.TryGetValue(nameOrAlias, out var target) ? target : nameOrAlias;
            if (!_collections.TryGetValue(name, out var collection))
            {
                throw Error(StatusCode.NotFound, $"Not found: Collection `{nameOrAlias}` doesn't exist!");
            }

            return action(collection);
        }
    }

    internal static RpcException Error(StatusCode code, string detail) => new(new Status(code, detail));
}
