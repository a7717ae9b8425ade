package io.cutover.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The sandbox rehearsal as the README's first command starts it — emulated Fly, the Flex
 * stand-in with sample data, the emulated app — on the local PostgreSQL, with names of
 * its own so test classes never share a database, and everything it created dropped when
 * the class ends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cutover.sandbox.source-database=sbx_${random.int[100000,999999]}",
                "cutover.sandbox.app-role=sbx_app_${random.int[100000,999999]}", "cutover.sandbox.sample-scale=0.02",
                "cutover.sandbox.app-port=0", "cutover.downtime.poll-interval=200ms",
                // The test users of application-test.yaml keep their known password.
                "cutover.security.demo-users=false" })
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "sandbox" })
@ContextConfiguration(initializers = SandboxDataDir.class)
@Import({ SandboxCleanup.class, RehearsalDriver.class })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@interface SandboxTest {

}
