import '@jupyter/chat/style/index.js';
import './modules.css';
import './packages.css';
import './saveStatus.css';
import './tutor.css';
