// Prints how long parsing, counting and iterating large target specs takes.
// Run after `mvn -q -B compile`:  java -cp target/classes bench/TargetSpecBench.java
// Nothing is contacted: the specs are numeric, parsing never touches the network.

import java.util.Iterator;
import org.watchpost.engine.target.PortSpec;
import org.watchpost.engine.target.ScanTarget;
import org.watchpost.engine.target.TargetSpec;

public class TargetSpecBench {
    public static void main(String[] args) throws Exception {
        HostNames none = new HostNames();
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            TargetSpec spec = TargetSpec.parse("10.0.0.0/8", "10.1.0.0/16, 10.200.0.0/13", none::resolve);
            long t1 = System.nanoTime();
            Iterator<ScanTarget> it = spec.iterator();
            for (int i = 0; i < 10; i++) it.next();
            long t2 = System.nanoTime();
            long n = 0;
            for (ScanTarget t : spec) n++;
            long t3 = System.nanoTime();
            System.out.printf("round %d: parse+count /8 minus 2 holes %.2f ms (count %,d); first 10 %.3f ms;"
                    + " full iteration %,d in %.0f ms (%.1f M/s)%n", round, (t1 - t0) / 1e6, spec.count(),
                    (t2 - t1) / 1e6, n, (t3 - t2) / 1e6, n / ((t3 - t2) / 1e9) / 1e6);
        }
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200_000; i++) many.append("10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255)
                .append('.').append(i & 255).append('\n');
        long t0 = System.nanoTime();
        TargetSpec spec = TargetSpec.parse(many.toString(), "", new HostNames()::resolve);
        System.out.printf("200,000 single addresses as a list: parse %.0f ms, count %,d%n",
                (System.nanoTime() - t0) / 1e6, spec.count());
        t0 = System.nanoTime();
        PortSpec ports = PortSpec.parse("all");
        System.out.printf("ports 'all': %.2f ms, %d ports%n", (System.nanoTime() - t0) / 1e6, ports.count());
    }

    static final class HostNames {
        java.util.List<java.net.InetAddress> resolve(String name) throws java.net.UnknownHostException {
            throw new java.net.UnknownHostException("the bench resolves no names: " + name);
        }
    }
}
