package io.cutover;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole panel on a private in-memory H2 and data directory, on a random port, with
 * the test users of application-test.yaml (password "test-password") and the test
 * runbooks installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "cutover.runbooks.locations=classpath*:runbooks/*.yaml,classpath*:test-runbooks/*.yaml")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(RunApi.Beans.class)
public @interface PanelTest {

}
