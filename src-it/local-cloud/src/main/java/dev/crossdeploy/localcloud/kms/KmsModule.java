package dev.crossdeploy.localcloud.kms;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.s3.KmsKeyLookup;

import java.util.List;

/**
 * KMS: keys and aliases (created through the API or by CloudFormation) and the API that
 * manages them; registers with S3 so SSE-KMS writes with an unknown key are refused.
 */
public final class KmsModule implements CloudModule {
    private final CloudState state;
    private final KmsStore store = new KmsStore();

    public KmsModule(CloudState state) {
        this.state = state;
        state.s3().kmsKeys(store);
    }

    public KmsStore store() { return store; }

    @Override
    public List<AwsService> apis() { return List.of(new KmsService(state, store)); }

    @Override
    public void reset() { store.clear(); }

    @Override
    public void close() { state.s3().kmsKeys(KmsKeyLookup.NONE); }
}
