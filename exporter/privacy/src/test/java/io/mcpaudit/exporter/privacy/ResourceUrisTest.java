package io.mcpaudit.exporter.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceUrisTest {

  @Test
  void userInfoQueryValuesAndFragmentsAreDropped() {
    assertThat(ResourceUris.sanitize("https://u:p@h.example/a/b?access_token=abc&page=2#frag"))
        .isEqualTo("https://h.example/a/b?access_token=&page=");
    assertThat(ResourceUris.sanitize("db://admin:hunter2@db.internal:5432/customers"))
        .isEqualTo("db://db.internal:5432/customers");
    assertThat(ResourceUris.sanitize("s3://bucket/key?X-Amz-Signature=deadbeef&flag"))
        .isEqualTo("s3://bucket/key?X-Amz-Signature=&flag");
    assertThat(ResourceUris.sanitize("file:///etc/app.conf")).isEqualTo("file:///etc/app.conf");
    assertThat(ResourceUris.sanitize("sample://hello")).isEqualTo("sample://hello");
    assertThat(ResourceUris.sanitize("https://h/p?")).isEqualTo("https://h/p?");
    assertThat(ResourceUris.sanitize("weird:no-authority@x?y=1")).isEqualTo("weird:no-authority@x?y=");
    // a malformed user information that holds '?' or '#' is still removed
    assertThat(ResourceUris.sanitize("https://u:p?ss@h/x?k=v")).isEqualTo("https://h/x?k=");
    assertThat(ResourceUris.sanitize("https://u:p#ss@h/x")).isEqualTo("https://h/x");
    // an @ in the path is not user information
    assertThat(ResourceUris.sanitize("https://h/users/@me")).isEqualTo("https://h/users/@me");
  }
}
