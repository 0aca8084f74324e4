using System.Text;
using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Controller.Tests.Support;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Security.Access;
using DistributedCloud.Security.Tokens;
using Microsoft.Data.Sqlite;

namespace DistributedCloud.Controller.Tests.Access;

/// <summary>Admin tokens on the controller's store (S-6, S-7): create, verify, expire, revoke; only hashes are kept.</summary>
public sealed class AdminTokenStoreTests
{
    [Fact]
    public async Task S6_a_created_token_authenticates_its_name_with_its_role()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);

        var created = await store.CreateAsync("ci-pipeline", AdminRole.Operator, TimeSpan.FromDays(30), "admin");
        var verified = await store.VerifyAsync(created.Secret);

        Assert.StartsWith(SecretToken.AdminPrefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal(new AdminToken("ci-pipeline", AdminRole.Operator, Fleet.Start, "admin", Fleet.Start.AddDays(30), null), created.Token);
        Assert.True(verified.IsValid);
        Assert.Equal(new TokenIdentity("ci-pipeline", AdminRole.Operator), verified.Identity);
    }

    [Fact]
    public async Task S6_an_unknown_or_malformed_token_is_refused_as_unknown()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        var created = await store.CreateAsync("ops", AdminRole.Admin, null, "admin");

        foreach (var presented in new[] { SecretToken.NewAdminToken(), created.Secret + "x", "not-a-token", string.Empty, null, SecretToken.AdminPrefix + new string('a', 500) })
        {
            var verified = await store.VerifyAsync(presented);
            Assert.False(verified.IsValid);
            Assert.Equal(TokenRefusal.Unknown, verified.Refusal);
        }
    }

    [Fact]
    public async Task S6_a_token_stops_authenticating_when_it_expires_even_if_its_answer_was_remembered()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database, TimeSpan.FromMinutes(10));
        var created = await store.CreateAsync("short", AdminRole.Reader, TimeSpan.FromMinutes(2), "admin");
        Assert.True((await store.VerifyAsync(created.Secret)).IsValid);

        db.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(TokenRefusal.Expired, (await store.VerifyAsync(created.Secret)).Refusal);
        Assert.Equal(AdminTokenState.Expired, Assert.Single(await store.ListAsync()).StateAt(db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task S7_a_revoked_token_is_refused_at_once_although_its_valid_answer_was_remembered()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database, TimeSpan.FromHours(1));
        var created = await store.CreateAsync("laptop", AdminRole.Admin, null, "admin");
        Assert.True((await store.VerifyAsync(created.Secret)).IsValid);

        var revoked = await store.RevokeAsync("laptop");

        Assert.Equal(Fleet.Start, revoked.RevokedAt);
        Assert.Equal(TokenRefusal.Revoked, (await store.VerifyAsync(created.Secret)).Refusal);
        Assert.Equal(AdminTokenState.Revoked, Assert.Single(await store.ListAsync()).StateAt(db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task S7_a_revocation_through_another_store_object_is_seen_once_the_short_cache_lapses()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        var created = await store.CreateAsync("laptop", AdminRole.Admin, null, "admin");
        Assert.True((await store.VerifyAsync(created.Secret)).IsValid);

        await new AdminTokenStore(db.Database).RevokeAsync("laptop");

        Assert.True((await store.VerifyAsync(created.Secret)).IsValid);
        db.Time.Advance(AdminTokenStore.DefaultCacheDuration);
        Assert.Equal(TokenRefusal.Revoked, (await store.VerifyAsync(created.Secret)).Refusal);
    }

    [Fact]
    public async Task S6_a_burst_of_calls_with_one_token_reads_the_store_once()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        var created = await store.CreateAsync("burst", AdminRole.Reader, null, "admin");
        Assert.True((await store.VerifyAsync(created.Secret)).IsValid);

        // The row is gone from under the store: only the remembered answer can still say who this is.
        await DeleteAllTokensAsync(db);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.VerifyAsync(created.Secret)));

        Assert.All(answers, a => Assert.Equal(new TokenIdentity("burst", AdminRole.Reader), a.Identity));
        db.Time.Advance(AdminTokenStore.DefaultCacheDuration);
        Assert.Equal(TokenRefusal.Unknown, (await store.VerifyAsync(created.Secret)).Refusal);
    }

    [Fact]
    public async Task S6_only_the_hash_of_a_token_is_stored_never_its_secret()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        var created = await store.CreateAsync("ci", AdminRole.Admin, TimeSpan.FromDays(1), "admin");
        await store.VerifyAsync(created.Secret);

        var dump = db.Dump();

        Assert.Contains(SecretToken.Hash(created.Secret), dump, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret[SecretToken.AdminPrefix.Length..], dump, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(db.Directory, "controller.db*"))
        {
            Assert.DoesNotContain(created.Secret, Encoding.Latin1.GetString(await ReadSharedAsync(file)), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(created.Secret, created.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task S7_every_problem_of_a_token_create_is_listed_at_once_and_nothing_is_stored()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        var before = db.Dump();

        var refused = await Assert.ThrowsAsync<DomainException>(() => store.CreateAsync("-Bad Name!" + new string('x', 60), (AdminRole)7, TimeSpan.FromSeconds(-5), "admin"));

        Assert.All(refused.Errors, e => Assert.Equal("S-7", e.Rule));
        Assert.Collection(refused.Errors,
            e => Assert.Equal(("name", true), (e.Field, e.Message.Contains("at most 64", StringComparison.Ordinal))),
            e => Assert.Equal(("name", true), (e.Field, e.Message.Contains("'B', U+0020, 'N', '!'", StringComparison.Ordinal))),
            e => Assert.Equal(("name", true), (e.Field, e.Message.Contains("starts with '-'", StringComparison.Ordinal))),
            e => Assert.Equal(("role", true), (e.Field, e.Message.Contains("reader, operator, admin", StringComparison.Ordinal))),
            e => Assert.Equal(("expires", true), (e.Field, e.Message.Contains("positive", StringComparison.Ordinal))));
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Equal(before, db.Dump());
        Assert.False(await store.AnyAsync());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("ci.pipeline_2-west")]
    [InlineData("x234567890123456789012345678901234567890123456789012345678901234")]
    public async Task S7_names_of_1_to_64_lowercase_letters_digits_dots_underscores_and_dashes_are_accepted(string name)
    {
        await using var db = await TempDatabase.CreateAsync();

        var created = await new AdminTokenStore(db.Database).CreateAsync(name, AdminRole.Reader, null, "admin");

        Assert.Equal(name, created.Token.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("_x")]
    [InlineData("UPPER")]
    [InlineData("with space")]
    [InlineData("x2345678901234567890123456789012345678901234567890123456789012345")]
    public void S7_other_names_are_refused(string name)
    {
        var errors = new ErrorCollector();

        AdminTokenNames.Check(name, errors);

        Assert.NotEmpty(errors.Errors);
        Assert.All(errors.Errors, e => Assert.Equal(("S-7", "name"), (e.Rule, e.Field)));
    }

    [Fact]
    public async Task S7_a_name_is_taken_for_good_even_by_a_revoked_token()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        await store.CreateAsync("ci", AdminRole.Reader, null, "admin");
        await store.RevokeAsync("ci");

        var refused = await Assert.ThrowsAsync<DomainException>(() => store.CreateAsync("ci", AdminRole.Admin, null, "admin"));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("S-7", "name", ErrorKind.Conflict), (error.Rule, error.Field, error.Kind));
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S7_revoking_an_unknown_token_is_not_found_and_revoking_twice_keeps_the_first_time()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        await store.CreateAsync("ci", AdminRole.Reader, null, "admin");
        await store.RevokeAsync("ci");
        db.Time.Advance(TimeSpan.FromHours(1));

        var again = await store.RevokeAsync("ci");
        var missing = await Assert.ThrowsAsync<DomainException>(() => store.RevokeAsync("nobody"));

        Assert.Equal(Fleet.Start, again.RevokedAt);
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(("S-7", "name"), (missing.Errors[0].Rule, missing.Errors[0].Field));
    }

    [Fact]
    public async Task S6_any_tells_whether_a_bootstrap_token_is_needed_and_list_is_by_name()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = new AdminTokenStore(db.Database);
        Assert.False(await store.AnyAsync());

        await store.CreateAsync("zeta", AdminRole.Reader, null, "admin");
        await store.CreateAsync("alpha", AdminRole.Admin, TimeSpan.FromHours(1), "bootstrap");
        await db.ReopenAsync();
        var reopened = new AdminTokenStore(db.Database);

        Assert.True(await reopened.AnyAsync());
        Assert.Equal(["alpha", "zeta"], (await reopened.ListAsync()).Select(t => t.Name));
        Assert.Equal(new AdminToken("alpha", AdminRole.Admin, Fleet.Start, "bootstrap", Fleet.Start.AddHours(1), null), (await reopened.ListAsync())[0]);
    }

    private static async Task DeleteAllTokensAsync(TempDatabase db)
    {
        await using var connection = new SqliteConnection($"Data Source={db.Database.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM admin_tokens";
        await delete.ExecuteNonQueryAsync();
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
