package dev.lagoon.jdbc;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskingTest {

    @Test
    void masksPasswordQueryParameterButKeepsHostAndOtherParameters() {
        String masked = SecretMasking.maskUrl("jdbc:postgresql://db:5432/app?user=bob&password=s3cr3t&ssl=true");

        assertThat(masked).isEqualTo("jdbc:postgresql://db:5432/app?user=bob&password=<masked>&ssl=true");
    }

    @Test
    void masksSemicolonSeparatedPassword() {
        String masked = SecretMasking.maskUrl("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Hunter22;encrypt=true");

        assertThat(masked).isEqualTo("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=<masked>;encrypt=true");
    }

    @Test
    void masksBracedAndQuotedValuesWhole() {
        assertThat(SecretMasking.mask("jdbc:sqlserver://db;password={a;b=c};x=1"))
                .isEqualTo("jdbc:sqlserver://db;password=<masked>;x=1");
        assertThat(SecretMasking.mask("password=\"p a&ss\" user=x")).isEqualTo("password=<masked> user=x");
    }

    @Test
    void masksUserInfoPassword() {
        assertThat(SecretMasking.maskUrl("jdbc:mysql://bob:t0p:secret@db:3306/app"))
                .isEqualTo("jdbc:mysql://bob:<masked>@db:3306/app");
        assertThat(SecretMasking.maskUrl("postgres://bob:pw@db/app")).isEqualTo("postgres://bob:<masked>@db/app");
    }

    @Test
    void leavesHostAndPortWithoutUserInfoAlone() {
        String url = "jdbc:mariadb://db:3306/app?user=bob&sslMode=verify-full";

        assertThat(SecretMasking.maskUrl(url)).isEqualTo(url);
    }

    @Test
    void masksOracleUserSlashPassword() {
        assertThat(SecretMasking.maskUrl("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
                .isEqualTo("jdbc:oracle:thin:scott/<masked>@db:1521:orcl");
        assertThat(SecretMasking.maskUrl("jdbc:oracle:thin:scott/tiger@//db:1521/svc"))
                .isEqualTo("jdbc:oracle:thin:scott/<masked>@//db:1521/svc");
    }

    @Test
    void masksOtherSecretKeysInAnyCase() {
        assertThat(SecretMasking.mask("x?sslPassword=abc&PWD=def&apiKey=ghi&accessToken=jkl&user=u"))
                .isEqualTo("x?sslPassword=<masked>&PWD=<masked>&apiKey=<masked>&accessToken=<masked>&user=u");
    }

    @Test
    void masksKnownLiteralSecretsInFreeText() {
        String text = "FATAL: authentication failed; tried hunter2hunter2 for bob";

        assertThat(SecretMasking.mask(text, List.of("hunter2hunter2"))).isEqualTo("FATAL: authentication failed; tried <masked> for bob");
        assertThat(SecretMasking.mask(text)).isEqualTo(text);
    }

    @Test
    void masksPropertiesToStringForm() {
        Properties p = new Properties();
        p.setProperty("password", "abc123");

        assertThat(SecretMasking.mask(p.toString())).isEqualTo("{password=<masked>}");
    }

    @Test
    void maskedPropertyMapHidesSecretValuesAndMasksUrlsInOthers() {
        Properties p = new Properties();
        p.setProperty("user", "bob");
        p.setProperty("password", "abc123");
        p.setProperty("url", "jdbc:postgresql://h/db?password=zzz");

        Map<String, String> masked = SecretMasking.maskProperties(p);

        assertThat(masked).containsEntry("user", "bob")
                .containsEntry("password", "<masked>")
                .containsEntry("url", "jdbc:postgresql://h/db?password=<masked>");
        assertThat(masked.toString()).doesNotContain("abc123", "zzz");
    }

    @Test
    void emptyPasswordValueAndNullTextStayAsTheyAre() {
        assertThat(SecretMasking.mask("x?password=&user=u")).isEqualTo("x?password=&user=u");
        assertThat(SecretMasking.mask(null)).isNull();
    }

    @Test
    void credentialsToStringNeverShowsThePassword() {
        assertThat(Credentials.of("bob", "s3cr3t").toString()).doesNotContain("s3cr3t").contains("bob");
        assertThat(CredentialsProvider.fixed("bob", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}
