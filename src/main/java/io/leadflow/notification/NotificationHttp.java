package io.leadflow.notification;

import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The HTTP client of the HTTP channels (DingTalk, WeCom, SMS), with the configured timeouts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationHttp {

  @Bean
  RestClient notificationRestClient(NotificationProperties properties) {
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        // HTTP/1.1: the client's h2c upgrade on plain http:// makes some gateways (Jetty among
        // them) cancel a POST with a body; robots and gateways need nothing newer.
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(properties.readTimeout());
    return RestClient.builder().requestFactory(factory).build();
  }
}
