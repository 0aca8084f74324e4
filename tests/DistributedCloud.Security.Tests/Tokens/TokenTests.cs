using System.Text;
using DistributedCloud.Security.Tokens;

namespace DistributedCloud.Security.Tests.Tokens;

/// <summary>Join tokens (S-2) and admin tokens (S-6): their form, and the proof an agent sends with its certificate request.</summary>
public sealed class TokenTests
{
    [Fact]
    public void A_join_token_proves_exactly_the_request_it_was_computed_over_S2()
    {
        var token = JoinToken.New();
        var request = Encoding.UTF8.GetBytes("a certificate request");
        var proof = token.Prove(request);

        Assert.True(JoinToken.Verify(token.SecretHash, request, proof));
        Assert.False(JoinToken.Verify(token.SecretHash, Encoding.UTF8.GetBytes("another request"), proof));
        Assert.False(JoinToken.Verify(JoinToken.New().SecretHash, request, proof));
        Assert.False(JoinToken.Verify(token.SecretHash, request, null));
    }

    [Fact]
    public void A_join_token_parses_back_from_its_text_and_its_secret_has_at_least_128_bits_S2()
    {
        var token = JoinToken.New();

        Assert.True(JoinToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
        Assert.True(token.Secret.Length * 6 >= 128);
        Assert.Matches("^[0-9a-f]{12}$", token.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("3f9a1c27b04e")]
    [InlineData("3f9a1c27b04e.short")]
    [InlineData("zzzzzzzzzzzz.mI6nWc1kqfXbS7zVh2R4yT8uPaLdE0oJ3gKx5NsQ9vA")]
    [InlineData("3f9a1c27b04e.mI6nWc1kqfXbS7zVh2R4yT8uPa/E0oJ3gKx5NsQ9vA")]
    public void Malformed_join_tokens_are_refused(string text) => Assert.False(JoinToken.TryParse(text, out _));

    [Fact]
    public void Admin_tokens_are_random_prefixed_and_stored_only_as_their_hash_S6()
    {
        var first = SecretToken.NewAdminToken();
        var second = SecretToken.NewAdminToken();

        Assert.NotEqual(first, second);
        Assert.StartsWith(SecretToken.AdminPrefix, first, StringComparison.Ordinal);
        Assert.True((first.Length - SecretToken.AdminPrefix.Length) * 6 >= 256);
        Assert.Matches("^sha256:[0-9a-f]{64}$", SecretToken.Hash(first));
        Assert.DoesNotContain(first[SecretToken.AdminPrefix.Length..], SecretToken.Hash(first), StringComparison.Ordinal);
    }
}
