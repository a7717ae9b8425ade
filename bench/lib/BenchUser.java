import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints a bcrypt hash of the password in the environment variable BENCH_PASSWORD, at the cost given
 * as the first argument (default 4), for cutover.security.users[n].password-hash. The JSON API checks
 * HTTP Basic credentials on every request; at the demo users' cost 10 that is 0.1 to 0.5 s of CPU
 * per request on a busy 2-core machine, which would land in what a bench measures (an operator in
 * the browser pays it once, at login). Run by the benches with the JDK's single-file source launcher
 * and the jar's spring-security-crypto and commons-logging on the class path.
 */
public class BenchUser {
    public static void main(String[] args) {
        String password = System.getenv("BENCH_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.err.println("BenchUser: set BENCH_PASSWORD");
            System.exit(2);
        }
        int cost = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        System.out.println(new BCryptPasswordEncoder(cost).encode(password));
    }
}
