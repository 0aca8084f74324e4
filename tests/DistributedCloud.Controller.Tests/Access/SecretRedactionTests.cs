using DistributedCloud.Security.Tokens;

namespace DistributedCloud.Controller.Tests.Access;

/// <summary>S-8: secrets never reach the audit log or the log; ordinary words around them stay readable.</summary>
public sealed class SecretRedactionTests
{
    [Fact]
    public void S8_admin_tokens_and_bearer_credentials_are_replaced_by_the_marker()
    {
        var token = SecretToken.NewAdminToken();

        Assert.Equal("token [redacted] is unknown", SecretRedaction.Redact($"token {token} is unknown"));
        Assert.Equal("authorization: Bearer [redacted]", SecretRedaction.Redact($"authorization: Bearer {token}"));
        Assert.Equal("authorization: bearer [redacted]", SecretRedaction.Redact("authorization: bearer eyJhbGciOiJIUzI1NiJ9.e30.abcdefgh"));
        Assert.True(SecretRedaction.ContainsSecret(token.ToUpperInvariant()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("UNAUTHENTICATED: the bearer token is missing")]
    [InlineData("NOT_FOUND: no subcloud is named 'subcloud1'")]
    public void S8_text_without_a_secret_is_left_as_it_is(string? text)
    {
        Assert.Equal(text, SecretRedaction.Redact(text));
    }
}
