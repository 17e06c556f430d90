import { core, runAction } from '@switchyard/kit';
import { post, run } from './main';

// One bundle for both stages: main saves isPost, so the runner's post step sees STATE_isPost.
void runAction(core.getState('isPost') === 'true' ? post : run);
