package io.cutover.execution;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * The seed's "create working directory": backups/, logs/ and verification/ exist and are
 * writable.
 */
@Component
@StepCheck.Named("workdir")
class WorkdirCheck implements StepCheck {

    @Override
    public CheckOutcome run(CheckContext context) throws Exception {
        for (String folder : Workspace.FOLDERS) {
            Path dir = context.workdir().resolve(folder);
            Path probe = Files.createTempFile(dir, ".probe", null);
            Files.delete(probe);
            context.log().out(dir + " is ready");
        }
        long free = Files.getFileStore(context.workdir()).getUsableSpace();
        context.log().out(String.format("Free space on the working directory's volume: %.1f GB", free / 1e9));
        return CheckOutcome.passed("Working directory ready with backups/, logs/ and verification/");
    }

}
