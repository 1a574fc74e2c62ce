package io.vigil.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private final String keyA = ApiKeys.newKey();
  private final String keyB = ApiKeys.newKey();
  private final ApiKeys keys =
      ApiKeys.parse("client-a:" + ApiKeys.hash(keyA) + ", client-b:" + ApiKeys.hash(keyB));

  @Test
  void shouldNameTheClientOfAKnownBearerKey() {
    assertThat(keys.clientFor("Bearer " + keyA)).contains("client-a");
    assertThat(keys.clientFor("bearer " + keyB)).contains("client-b");
  }

  @Test
  void shouldRefuseMissingUnknownAndMalformedCredentials() {
    assertThat(keys.clientFor(null)).isEmpty();
    assertThat(keys.clientFor("Bearer ")).isEmpty();
    assertThat(keys.clientFor("Bearer " + ApiKeys.newKey())).isEmpty();
    assertThat(keys.clientFor("Basic " + keyA)).isEmpty();
    assertThat(keys.clientFor(keyA)).isEmpty();
  }

  @Test
  void shouldRejectAConfigurationWithoutAProperHashAndNotEchoIt() {
    assertThatThrownBy(() -> ApiKeys.parse("client-a:secret-in-plain-text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client-a")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> ApiKeys.parse("bad client:" + ApiKeys.hash("x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldHashWithSha256Hex() {
    assertThat(ApiKeys.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(ApiKeys.newKey()).hasSize(64).isNotEqualTo(ApiKeys.newKey());
  }
}
